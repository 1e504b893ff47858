using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Internal;

/// <summary>The log messages of concept drift checks (event ids 210 to 219).</summary>
internal static partial class Log
{
    [LoggerMessage(210, LogLevel.Warning, "Concept drift could not be checked from the store; the check is tried again at the next cycle (logged once until a check succeeds).")]
    public static partial void ConceptDriftFailed(ILogger logger, Exception exception);

    [LoggerMessage(211, LogLevel.Debug, "Concept drift of {Model} on {Metric}: reference mean {ReferenceMean} over {ReferenceCount} window(s), current mean {CurrentMean} over {CurrentCount}, degradation {DegradationPercent} %, p = {PValue}, drifted {Drifted}.")]
    public static partial void ConceptDriftChecked(ILogger logger, string model, string metric, double referenceMean, int referenceCount, double currentMean, int currentCount, double degradationPercent, double pValue, bool drifted);

    [LoggerMessage(212, LogLevel.Debug, "Concept drift of {Model} not checked: {ReferenceCount} reference and {CurrentCount} current window(s) have a value of {Metric}, fewer than the {MinWindows} each period needs.")]
    public static partial void ConceptDriftSkipped(ILogger logger, string model, string? metric, int referenceCount, int currentCount, int minWindows);

    [LoggerMessage(213, LogLevel.Warning, "Concept drift is configured but not checked: the storage provider does not implement IConceptDriftStore and IMonitoringReader (SQLite and PostgreSQL do), or realized performance is off.")]
    public static partial void ConceptDriftUnsupported(ILogger logger);
}
