using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Internal;

/// <summary>The log messages of fleet mode: leadership and the replica summary (event ids 180 to 189).</summary>
internal static partial class Log
{
    [LoggerMessage(180, LogLevel.Information, "Replica {Replica} now leads the fleet: it evaluates alert rules and drift, escalates and expires alerts and sends notifications.")]
    public static partial void BecameLeader(ILogger logger, string replica);

    [LoggerMessage(181, LogLevel.Information, "Replica {Replica} does not lead the fleet: it records and stores, and leaves alert rules, drift, escalation and notifications to the leader.")]
    public static partial void BecameFollower(ILogger logger, string replica);

    [LoggerMessage(182, LogLevel.Warning, "Replica {Replica} could not check the fleet lease; it acts as a follower and checks again at every cycle (logged once until a check succeeds).")]
    public static partial void LeaseCheckFailed(ILogger logger, Exception exception, string replica);

    [LoggerMessage(183, LogLevel.Warning, "Replica {Replica} could not save its row of the fleet summary; it tries again at every cycle (logged once until a save succeeds).")]
    public static partial void ReplicaSaveFailed(ILogger logger, Exception exception, string replica);

    [LoggerMessage(184, LogLevel.Warning, "Replica {Replica} could not release the fleet lease when stopping; the server frees it when the connection closes.")]
    public static partial void LeaseReleaseFailed(ILogger logger, Exception exception, string replica);

    [LoggerMessage(185, LogLevel.Information, "Alert rule {Rule} was {Change} through another replica (last changed by {By}); {Resolved} active alert(s) of it were resolved here.")]
    public static partial void AlertRuleChangedElsewhere(ILogger logger, string rule, string change, string by, int resolved);

    [LoggerMessage(186, LogLevel.Warning, "The leader could not read the stored alerts and run-time rules again; it goes on with what it holds and tries again at its next cycle (logged once until a read succeeds).")]
    public static partial void FleetRefreshFailed(ILogger logger, Exception exception);
}
