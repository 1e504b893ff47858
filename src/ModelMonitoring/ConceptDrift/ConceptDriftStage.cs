using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Internal;
using ModelMonitoring.Performance;
using ModelMonitoring.Storage;

namespace ModelMonitoring.ConceptDrift;

/// <summary>
/// The worker stage that checks each configured model for concept drift: at most once per
/// <see cref="ConceptDriftOptions.Interval"/> it reads the model's realized performance (all predictions, no segment) for the
/// reference and current periods from the store, runs <see cref="ConceptDriftTest"/>, stores the check and turns it into
/// <c>concept.performance.*</c> observations for the alert manager. Worker thread only.
/// </summary>
/// <remarks>
/// Only the leader runs it, before the cycle's alert processing; a follower forgets its state (when the next check is due,
/// the first windows found, what fired). Work is bounded: one or two reads of at most the periods' windows per model and check
/// (a <see cref="ConceptDriftReference.First"/> reference is searched over the stored history until it is complete, then kept).
/// A failed check is logged once until one succeeds and is tried again at the next cycle.
/// </remarks>
internal sealed class ConceptDriftStage
{
    private readonly ModelState[] _models;
    private readonly IMonitoringReader _reader;
    private readonly IConceptDriftStore _store;
    private readonly TimeSpan _window;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private bool _failing;

    public ConceptDriftStage(IEnumerable<(ModelSchema Model, ConceptDriftOptions Options)> models, IMonitoringReader reader, IConceptDriftStore store, TimeSpan window, TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
    {
        _models = [.. models.Select(m => new ModelState(m.Model, m.Options))];
        _reader = reader;
        _store = store;
        _window = window;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Runs the checks that are due, adding alert observations; a follower only forgets its state.</summary>
    public async Task RunAsync(bool leading, List<Alert> observations, CancellationToken stopToken)
    {
        if (!leading)
        {
            foreach (var model in _models)
            {
                model.Forget();
            }

            return;
        }

        var now = _timeProvider.GetUtcNow();
        if (!_models.Any(m => now >= m.NextCheck))
        {
            return;
        }

        using var deadline = new CancellationTokenSource(_timeout, _timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopToken, deadline.Token);
        var failed = false;
        foreach (var model in _models.Where(m => now >= m.NextCheck))
        {
            try
            {
                await CheckAsync(model, now, observations, timeout.Token).ConfigureAwait(false);
                model.NextCheck = now + model.Options.Interval;
            }
            catch (Exception ex) when (!stopToken.IsCancellationRequested)
            {
                failed = true;
                if (!_failing)
                {
                    Log.ConceptDriftFailed(_logger, ex);
                    _failing = true;
                }
            }
        }

        _failing &= failed;
    }

    private async Task CheckAsync(ModelState model, DateTimeOffset now, List<Alert> observations, CancellationToken cancellationToken)
    {
        var options = model.Options;
        var name = model.Schema.Name;
        var currentTo = new DateTimeOffset(now.UtcTicks / _window.Ticks * _window.Ticks, TimeSpan.Zero);
        var currentFrom = currentTo - (_window * options.CurrentWindows);
        var current = await ReadAsync(name, currentFrom, currentTo, cancellationToken).ConfigureAwait(false);
        var reference = options.Reference switch
        {
            ConceptDriftReference.Fixed => await ReadAsync(name, options.ReferenceFrom!.Value, options.ReferenceTo!.Value, cancellationToken).ConfigureAwait(false),
            ConceptDriftReference.First => await ReadFirstAsync(model, currentFrom, cancellationToken).ConfigureAwait(false),
            _ => await ReadAsync(name, currentFrom - (_window * options.ReferenceWindows), currentFrom, cancellationToken).ConfigureAwait(false),
        };

        var metric = options.Metric ?? DefaultMetric(reference.Rows, current.Rows);
        var referenceValues = Values(reference.Rows, metric);
        var currentValues = Values(current.Rows, metric);
        if (metric is null || referenceValues.Count < options.MinWindows || currentValues.Count < options.MinWindows)
        {
            Log.ConceptDriftSkipped(_logger, name, metric, referenceValues.Count, currentValues.Count, options.MinWindows);
            return;
        }

        var check = ConceptDriftTest.Run(
            name,
            metric,
            RealizedMetricDirection.Of(metric) ?? true,
            new ConceptDriftTest.Period(reference.From, reference.To, referenceValues),
            new ConceptDriftTest.Period(currentFrom, currentTo, currentValues),
            options,
            now);
        await _store.SaveConceptDriftCheckAsync(check, cancellationToken).ConfigureAwait(false);
        Log.ConceptDriftChecked(_logger, name, metric, check.ReferenceMean, check.ReferenceCount, check.CurrentMean, check.CurrentCount, check.DegradationPercent, check.PValue, check.Drifted);
        model.Alerts.Evaluate(check, options.MinDegradationPercent, observations);
    }

    private async Task<Span> ReadAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        new(from, to, await _reader.GetRealizedPerformanceAsync(model, from, to, segment: string.Empty, cancellationToken).ConfigureAwait(false));

    /// <summary>The first windows stored with a value; once there are as many as the reference needs, their span is kept.</summary>
    private async Task<Span> ReadFirstAsync(ModelState model, DateTimeOffset currentFrom, CancellationToken cancellationToken)
    {
        if (model.First is { } pinned)
        {
            return await ReadAsync(model.Schema.Name, pinned.From, pinned.To, cancellationToken).ConfigureAwait(false);
        }

        var rows = await _reader.GetRealizedPerformanceAsync(model.Schema.Name, DateTimeOffset.MinValue, currentFrom, segment: string.Empty, cancellationToken).ConfigureAwait(false);
        var metric = model.Options.Metric ?? DefaultMetric(rows, []);
        var first = rows.Where(r => HasValue(r, metric)).Take(model.Options.ReferenceWindows).ToArray();
        if (first.Length == 0)
        {
            return new Span(currentFrom, currentFrom, []);
        }

        var span = (first[0].WindowStart, first[^1].WindowEnd);
        if (first.Length == model.Options.ReferenceWindows)
        {
            model.First = span;
        }

        return new Span(span.WindowStart, span.WindowEnd, first);
    }

    private static string? DefaultMetric(IReadOnlyList<RealizedPerformance> reference, IReadOnlyList<RealizedPerformance> current)
    {
        var all = reference.Concat(current);
        return all.Any(r => HasValue(r, RealizedMetricNames.Accuracy)) ? RealizedMetricNames.Accuracy
            : all.Any(r => HasValue(r, RealizedMetricNames.MeanAbsoluteError)) ? RealizedMetricNames.MeanAbsoluteError
            : null;
    }

    private static bool HasValue(RealizedPerformance row, string? metric) =>
        metric is not null && row.Metrics.TryGetValue(metric, out var value) && double.IsFinite(value);

    private static List<double> Values(IReadOnlyList<RealizedPerformance> rows, string? metric) =>
        [.. rows.Where(r => HasValue(r, metric)).Select(r => r.Metrics[metric!])];

    private readonly record struct Span(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<RealizedPerformance> Rows);

    private sealed class ModelState(ModelSchema schema, ConceptDriftOptions options)
    {
        public ModelSchema Schema { get; } = schema;

        public ConceptDriftOptions Options { get; } = options;

        public ConceptDriftAlerts Alerts { get; } = new(schema);

        public DateTimeOffset NextCheck { get; set; } = DateTimeOffset.MinValue;

        public (DateTimeOffset From, DateTimeOffset To)? First { get; set; }

        public void Forget()
        {
            NextCheck = DateTimeOffset.MinValue;
            First = null;
            Alerts.Forget();
        }
    }
}
