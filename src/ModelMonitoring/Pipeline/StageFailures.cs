using Microsoft.Extensions.Logging;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// Counts the failures of worker stages per model and stage, and logs them: a new failure at once,
/// the same failure again (same model, stage, source, exception type and message) at most once per
/// <see cref="RepeatLogInterval"/>, with how many were not logged in between. A stage failing every
/// cycle is then one line an hour, not one a second. Reporting never throws.
/// </summary>
internal sealed class StageFailures
{
    /// <summary>How often a failure that keeps recurring unchanged is logged again.</summary>
    public static readonly TimeSpan RepeatLogInterval = TimeSpan.FromHours(1);

    private static readonly int StageCount = (int)Enum.GetValues<MonitoringStage>().Max() + 1;
    private readonly Dictionary<(string Model, MonitoringStage Stage, string Source), LastFailure> _last = [];
    private readonly Dictionary<string, long[]> _counts = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public StageFailures(IEnumerable<string> models, TimeProvider timeProvider, ILogger logger)
    {
        foreach (var model in models)
        {
            _counts[model] = new long[StageCount];
        }

        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets the failures of every stage, summed over the models, indexed by <see cref="MonitoringStage"/>.</summary>
    public long[] Totals()
    {
        var totals = new long[StageCount];
        foreach (var counts in _counts.Values)
        {
            for (var stage = 0; stage < StageCount; stage++)
            {
                totals[stage] += Interlocked.Read(ref counts[stage]);
            }
        }

        return totals;
    }

    /// <summary>Gets the failures of one model's stage.</summary>
    public long Get(string model, MonitoringStage stage) =>
        _counts.TryGetValue(model, out var counts) ? Interlocked.Read(ref counts[(int)stage]) : 0;

    /// <summary>Counts and (rate-limited) logs a failure; <paramref name="source"/> names what failed, such as a drift detector.</summary>
    public void Report(string model, MonitoringStage stage, string source, Exception exception)
    {
        if (_counts.TryGetValue(model, out var counts))
        {
            Interlocked.Increment(ref counts[(int)stage]);
        }

        var now = _timeProvider.GetUtcNow();
        long unlogged;
        lock (_last)
        {
            var key = (model, stage, source);
            if (_last.TryGetValue(key, out var last) && last.Type == exception.GetType() && last.Message == exception.Message && now - last.LoggedAt < RepeatLogInterval)
            {
                last.Unlogged++;
                return;
            }

            unlogged = last is not null && last.Type == exception.GetType() && last.Message == exception.Message ? last.Unlogged : 0;
            _last[key] = new LastFailure(exception.GetType(), exception.Message, now);
        }

        Log.StageFailed(_logger, exception, stage.ToString(), source, model, unlogged, RepeatLogInterval);
    }

    private sealed class LastFailure(Type type, string message, DateTimeOffset loggedAt)
    {
        public Type Type { get; } = type;

        public string Message { get; } = message;

        public DateTimeOffset LoggedAt { get; } = loggedAt;

        public long Unlogged { get; set; }
    }
}
