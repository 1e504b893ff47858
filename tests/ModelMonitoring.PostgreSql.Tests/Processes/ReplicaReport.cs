namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>One statistics line of a sample replica (samples/FleetReplica/StatisticsReport.cs).</summary>
internal sealed record ReplicaReport(
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
