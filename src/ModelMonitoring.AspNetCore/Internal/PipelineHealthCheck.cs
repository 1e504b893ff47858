using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelMonitoring.Recording;

namespace ModelMonitoring.AspNetCore.Internal;

/// <summary>
/// Reports the monitoring pipeline's own state: unhealthy when the background worker has not completed a cycle for
/// <see cref="StalledAfterFlushes"/> flush intervals (at least 30 s), degraded when records were dropped or a worker stage
/// failed since the previous check. Its totals are in the data either way.
/// </summary>
/// <remarks>Registered as a singleton so that it remembers the totals of its previous run.</remarks>
internal sealed class PipelineHealthCheck(IModelMonitoring monitoring, IOptions<ModelMonitoringOptions> options, TimeProvider clock) : IHealthCheck
{
    public const string Name = "modelmonitoring:pipeline";
    public const int StalledAfterFlushes = 10;
    private readonly DateTimeOffset _createdAt = clock.GetUtcNow();
    private readonly object _gate = new();
    private long _dropped;
    private long _stageFailures;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = monitoring.GetStatistics();
        var now = clock.GetUtcNow();
        var stalledAfter = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.Value.FlushInterval.Ticks * StalledAfterFlushes));
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["received"] = statistics.Received,
            ["stored"] = statistics.Stored,
            ["buffered"] = statistics.Buffered,
            ["dropped"] = statistics.Dropped,
            ["stage_failures"] = statistics.StageFailures,
            ["leader"] = statistics.IsLeader,
        };
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            if (statistics.GetDropped(reason) is > 0 and var count)
            {
                data["dropped." + reason] = count;
            }
        }

        if (statistics.LastCycleCompletedAt is { } last)
        {
            data["last_cycle"] = last.ToString("O", CultureInfo.InvariantCulture);
        }

        long newDrops, newFailures;
        lock (_gate)
        {
            (newDrops, newFailures) = (statistics.Dropped - _dropped, statistics.StageFailures - _stageFailures);
            (_dropped, _stageFailures) = (statistics.Dropped, statistics.StageFailures);
        }

        var since = statistics.LastCycleCompletedAt ?? _createdAt;
        if (now - since > stalledAfter)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                string.Create(CultureInfo.InvariantCulture, $"The monitoring worker has not completed a cycle for {(now - since).TotalSeconds:0} s (limit {stalledAfter.TotalSeconds:0} s); its log says why."),
                data: data));
        }

        if (newDrops > 0 || newFailures > 0)
        {
            var reasons = string.Join(", ", Enum.GetValues<DropReason>().Where(r => statistics.GetDropped(r) > 0).Select(r => $"{r} {statistics.GetDropped(r)}"));
            return Task.FromResult(HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"Since the previous check: {newDrops} records dropped, {newFailures} worker stage failures (totals by reason: {(reasons.Length > 0 ? reasons : "none")})."),
                data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("The monitoring pipeline is storing what it receives.", data));
    }
}
