using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Internal;

/// <summary>The log messages of fleet windows and the fleet's learned reference (event ids 195 to 199).</summary>
internal static partial class Log
{
    [LoggerMessage(195, LogLevel.Warning, "Replica {Replica} could not save {Count} window partial(s) of model {Model}; it keeps them and tries again at every cycle (logged once until a save succeeds).")]
    public static partial void WindowPartialsSaveFailed(ILogger logger, Exception exception, string replica, int count, string model);

    [LoggerMessage(196, LogLevel.Warning, "The leader {Replica} could not merge the fleet windows of model {Model}; it tries again at its next cycle (logged once until a merge succeeds).")]
    public static partial void FleetWindowMergeFailed(ILogger logger, Exception exception, string replica, string model);

    [LoggerMessage(197, LogLevel.Debug, "The leader {Replica} merged the window starting {WindowStart:O} of model {Model} from {Partials} replica partial(s).")]
    public static partial void FleetWindowMerged(ILogger logger, string replica, DateTimeOffset windowStart, string model, int partials);

    [LoggerMessage(198, LogLevel.Warning, "Replica {Replica} dropped {Count} unsaved window partial(s) of model {Model}: the store has been failing for longer than {Max} partials; those windows lack this replica's traffic.")]
    public static partial void WindowPartialsDropped(ILogger logger, string replica, int count, string model, int max);

    [LoggerMessage(199, LogLevel.Information, "The reference learned here for model {Model} was not saved: another replica saved one first, and this one loads and uses it, so the fleet compares with one reference.")]
    public static partial void FleetReferenceTaken(ILogger logger, string model);
}
