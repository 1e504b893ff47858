namespace ModelMonitoring.Alerting;

/// <summary>Defaults and fixed names of the alerting feature.</summary>
internal static class AlertRuleConstants
{
    public const string DriftPrefix = "drift.";
    public const string DriftAny = "drift.*";

    /// <summary>Prefix of the alerts the models' streaming detectors raise (concept drift).</summary>
    public const string ConceptPrefix = "concept.";
    public const string DriftDataset = "drift.dataset";
    public static readonly TimeSpan RepeatInterval = TimeSpan.FromHours(4);
    public static readonly string[] Operators = [">", "<", ">=", "<=", "==", "!="];
}
