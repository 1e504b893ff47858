using Microsoft.Extensions.Logging;
using ModelMonitoring.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Performance;

/// <summary>
/// The worker stage that keeps realized performance per prediction window up to date: at most once per
/// <see cref="RealizedPerformanceOptions.Interval"/> it asks the store which windows of each model received labels since
/// its last check (less <see cref="RealizedPerformanceOptions.LabelDelay"/>), and every cycle it recomputes at most
/// <see cref="RealizedPerformanceOptions.MaxWindowsPerCycle"/> of the windows waiting, newest first, from the stored
/// predictions and labels, replacing what was stored for them. Worker thread only.
/// </summary>
/// <remarks>
/// Only the leader runs it: a follower forgets its watermarks, and on becoming leader (or starting) a pipeline resumes from
/// the latest computation stored for the model, or looks back <see cref="RealizedPerformanceOptions.LookBack"/> when there
/// is none. A failed check or recomputation is logged once until one succeeds; its windows wait for the next cycle. The
/// stage runs under <see cref="ModelMonitoringOptions.SinkTimeout"/> after the cycle's writes, so the labels just written are found.
/// </remarks>
internal sealed class RealizedPerformanceStage
{
    private readonly IRealizedPerformanceStore _store;
    private readonly IReadOnlyList<string> _models;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _classes;
    private readonly RealizedPerformanceOptions _options;
    private readonly TimeSpan _window;
    private readonly int _maxClasses;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DateTimeOffset> _watermarks = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Start, string Model)> _pending = [];
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;
    private bool _failing;

    public RealizedPerformanceStage(IReadOnlyList<ModelSchema> models, IRealizedPerformanceStore store, RealizedPerformanceOptions options, TimeSpan window, int maxClasses, TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
    {
        _models = [.. models.Select(m => m.Name)];
        _classes = models.ToDictionary(m => m.Name, m => m.Classes, StringComparer.Ordinal);
        _store = store;
        _options = options;
        _window = window;
        _maxClasses = maxClasses;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets how many windows wait to be recomputed.</summary>
    public int Pending => _pending.Count;

    /// <summary>Checks for labelled windows when due and recomputes the next ones; a follower only forgets its state.</summary>
    public async Task RunAsync(bool leading, CancellationToken stopToken)
    {
        if (!leading)
        {
            _watermarks.Clear();
            _pending.Clear();
            _nextCheck = DateTimeOffset.MinValue;
            return;
        }

        var now = _timeProvider.GetUtcNow();
        if (now < _nextCheck && _pending.Count == 0)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(_timeout, _timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopToken, deadline.Token);
        try
        {
            if (now >= _nextCheck)
            {
                await CheckAsync(now, timeout.Token).ConfigureAwait(false);
                _nextCheck = now + _options.Interval;
            }

            var recomputed = await RecomputeAsync(now, timeout.Token).ConfigureAwait(false);
            Log.RealizedPerformanceRecomputed(_logger, recomputed, _pending.Count);
            _failing = false;
        }
        catch (Exception ex) when (!stopToken.IsCancellationRequested)
        {
            if (!_failing)
            {
                Log.RealizedPerformanceFailed(_logger, ex);
                _failing = true;
            }
        }
    }

    private async Task CheckAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lookBack = now - _options.LookBack;
        foreach (var model in _models)
        {
            if (!_watermarks.TryGetValue(model, out var since))
            {
                var last = await _store.GetLastComputedAsync(model, cancellationToken).ConfigureAwait(false);
                since = last is { } computed && computed > lookBack ? computed : lookBack;
            }

            var labelledSince = since - _options.LabelDelay;
            var windows = await _store.GetLabelledWindowsAsync(model, labelledSince, lookBack, _window, cancellationToken).ConfigureAwait(false);
            foreach (var start in windows)
            {
                _pending.Add((start, model));
            }

            _watermarks[model] = now;
        }
    }

    private async Task<int> RecomputeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recomputed = 0;
        while (recomputed < _options.MaxWindowsPerCycle && _pending.Count > 0)
        {
            var (start, model) = _pending.Max;
            var end = start + _window;
            var rows = await _store.GetLabelledPredictionsAsync(model, start, end, cancellationToken).ConfigureAwait(false);
            var performance = WindowPerformance.Compute(rows, start, end, now, _options.MaxSegments, _maxClasses, _classes.GetValueOrDefault(model));
            await _store.SaveRealizedPerformanceAsync(model, start, performance, cancellationToken).ConfigureAwait(false);

            // Removed only once stored: a window whose recomputation failed is tried again at the next cycle.
            _pending.Remove((start, model));
            recomputed++;
        }

        return recomputed;
    }
}
