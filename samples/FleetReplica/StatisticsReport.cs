using System.Text.Json;
using ModelMonitoring;
using ModelMonitoring.Recording;

namespace FleetReplica;

/// <summary>Prints this replica's <see cref="IModelMonitoring.GetStatistics"/> as one JSON line on stdout.</summary>
internal sealed class StatisticsReport(string replica, IModelMonitoring monitoring, Traffic traffic, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes a line every <paramref name="interval"/> until stopped.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stopToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopToken).ConfigureAwait(false))
            {
                Write(final: false);
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes one line; <paramref name="final"/> marks the last, after the final flush.</summary>
    public void Write(bool final)
    {
        var statistics = monitoring.GetStatistics();
        var reasons = Enum.GetValues<DropReason>()
            .Where(r => statistics.GetDropped(r) > 0)
            .ToDictionary(r => r.ToString(), statistics.GetDropped);
        var line = new ReportLine(
            replica,
            time.GetUtcNow(),
            traffic.Predictions,
            traffic.Labels,
            statistics.Received,
            statistics.Stored,
            statistics.Buffered,
            statistics.Dropped,
            reasons,
            statistics.IsLeader,
            final);
        Console.Out.WriteLine(JsonSerializer.Serialize(line, Json));
        Console.Out.Flush();
    }

    /// <summary>One report line.</summary>
    internal sealed record ReportLine(
        string Replica,
        DateTimeOffset Time,
        long Predictions,
        long Labels,
        long Received,
        long Stored,
        long Buffered,
        long Dropped,
        Dictionary<string, long> DroppedByReason,
        bool IsLeader,
        bool Final);
}
