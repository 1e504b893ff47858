using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Internal;

/// <summary>The log messages of realized performance (event ids 190 to 194).</summary>
internal static partial class Log
{
    [LoggerMessage(190, LogLevel.Warning, "Realized performance could not be updated from the store; the windows waiting are tried again at the next cycle (logged once until an update succeeds).")]
    public static partial void RealizedPerformanceFailed(ILogger logger, Exception exception);

    [LoggerMessage(191, LogLevel.Debug, "Realized performance: {Recomputed} window(s) recomputed from the store, {Pending} waiting.")]
    public static partial void RealizedPerformanceRecomputed(ILogger logger, int recomputed, int pending);

    [LoggerMessage(192, LogLevel.Information, "Realized performance is off: the storage provider does not implement IRealizedPerformanceStore.")]
    public static partial void RealizedPerformanceUnsupported(ILogger logger);
}
