using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Storage;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// The worker's view of one model's drift monitoring: fills the sliding window (and the reference
/// being learned) as predictions are drained, and runs the checks when the interval comes round.
/// </summary>
/// <remarks>
/// Checks are due at multiples of the interval since the Unix epoch and run in the worker cycle that
/// first sees the clock past one; missed ones are not caught up. A check needs a reference and at least
/// <see cref="DriftMonitoringOptions.MinimumRows"/> rows, otherwise it is skipped. It is skipped too when
/// neither the window nor the reference changed since the previous check: the same comparison would
/// only be stored and reported again.
/// </remarks>
internal sealed class DriftMonitor
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;
    private readonly DriftWindow _window;
    private readonly DriftChecker _checker;
    private readonly DriftAlertEvaluator _alerts;
    private readonly long _intervalTicks;
    private readonly int _minimumRows;
    private long _nextCheckTicks;
    private long _lastCheckTicks = long.MinValue;
    private long _checkedAdded = -1;
    private ReferenceProfile? _checkedReference;
    private long _unchangedSkips;

    public DriftMonitor(
        ModelSchema model,
        DriftMonitoringOptions options,
        IEnumerable<IDriftDetector> extraDetectors,
        IReferenceProfileStore? store,
        TimeSpan storeTimeout,
        TimeProvider timeProvider,
        ILogger logger,
        StageFailures? failures = null,
        int maxDistinctCategoricalValues = int.MaxValue)
    {
        Model = model;
        _window = new DriftWindow(options.WindowSize, model.NumericFeatures.Count, model.CategoricalFeatures.Count, maxDistinctCategoricalValues, outputs: options.PredictionDrift, classCount: model.Classes.Count);
        References = new ReferenceKeeper(model, options, store, storeTimeout, timeProvider, logger);
        // One detector for the features and, with prediction drift, one for the outputs, each with the per-feature methods that concern it.
        var configured = new DatasetDriftDetector(options.DetectorOptions);
        var features = configured.Only(name => !PredictionDriftFeatures.IsOutput(name));
        IDriftDetector[] builtIn = options.Multivariate is { } multivariate
            ? [features, new MultivariateWindowDetector(multivariate, options.WindowSize)]
            : [features];
        _checker = new DriftChecker(model, [.. builtIn, .. extraDetectors], logger, failures, options.PredictionDrift ? configured.Only(PredictionDriftFeatures.IsOutput) : null);
        NeedsRowOrder = options.Multivariate is not null;
        _alerts = new DriftAlertEvaluator(model);
        _intervalTicks = options.CheckInterval.Ticks;
        _minimumRows = options.MinimumRows;
        ReferenceFromFirst = options.ReferenceFromFirst;
        _nextCheckTicks = NextBoundary(timeProvider.GetUtcNow());
    }

    public ModelSchema Model { get; }

    public ReferenceKeeper References { get; }

    public int? ReferenceFromFirst { get; }

    /// <summary>Gets whether references must keep their row order (the multivariate check is on).</summary>
    public bool NeedsRowOrder { get; }

    public long CheckCount => _checker.Completed;

    public long FailedCheckCount => _checker.Failed;

    /// <summary>Gets how many categorical values the window held as <see cref="Recording.RecordingLimits.OtherValue"/> (see <see cref="DriftWindow"/>).</summary>
    public long GroupedAsOther => _window.GroupedAsOther;

    /// <summary>Copies a drained prediction into the window and the reference being learned (worker thread; allocation-free per row).</summary>
    public void Observe(in PredictionRecord prediction)
    {
        _window.Add(prediction);
        References.Observe(prediction);
    }

    /// <summary>Runs the checks when one is due; adds their records and any alerts to the batch (worker thread).</summary>
    public void CheckIfDue(DateTimeOffset now, List<DriftCheckRecord> records, List<Alert> alerts)
    {
        if (now.UtcTicks < _nextCheckTicks)
        {
            return;
        }

        _nextCheckTicks = NextBoundary(now);
        var reference = References.Current;
        if (reference is null || _window.Count < _minimumRows)
        {
            return;
        }

        if (_window.Added == _checkedAdded && ReferenceEquals(reference, _checkedReference))
        {
            Interlocked.Increment(ref _unchangedSkips);
            return;
        }

        _checkedAdded = _window.Added;
        _checkedReference = reference;

        try
        {
            var results = _checker.Run(reference, _window, now, records);
            _alerts.Evaluate(results, now, alerts);
        }
        catch (Exception ex)
        {
            // Detector failures are handled per detector; this only keeps anything else out of the worker cycle.
            _checker.Failure(ex, nameof(DriftMonitor));
        }

        Volatile.Write(ref _lastCheckTicks, now.UtcTicks);
    }

    public DriftMonitoringStatus GetStatus()
    {
        var last = Volatile.Read(ref _lastCheckTicks);
        return new DriftMonitoringStatus
        {
            Model = Model.Name,
            Reference = References.Current,
            ReferenceRowsCollected = References.RowsCollected,
            WindowRows = _window.Count,
            WindowSize = _window.Size,
            CheckCount = CheckCount,
            FailedCheckCount = FailedCheckCount,
            LastCheck = last == long.MinValue ? null : new DateTimeOffset(last, TimeSpan.Zero),
            ReferenceRejection = References.Rejection,
            UnchangedCheckSkipCount = Interlocked.Read(ref _unchangedSkips),
        };
    }

    // The first multiple of the interval since the Unix epoch that is later than `now`.
    private long NextBoundary(DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - EpochTicks;
        var index = Math.DivRem(sinceEpoch, _intervalTicks, out var remainder);
        if (remainder < 0)
        {
            index--;
        }

        return EpochTicks + ((index + 1) * _intervalTicks);
    }
}
