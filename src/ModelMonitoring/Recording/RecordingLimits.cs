namespace ModelMonitoring.Recording;

/// <summary>
/// Caps on the strings and collections a record may carry and on the distinct values aggregation
/// keeps per model, so that no input can grow memory or storage without bound. Part of
/// <see cref="ModelMonitoringOptions"/>; validated at start-up.
/// </summary>
/// <remarks>
/// A record with a string or collection over its cap is rejected whole and counted as
/// <see cref="DropReason.LimitExceeded"/> (nothing is truncated, so what is stored is what was sent).
/// Distinct values over their cap are still stored with their record; only aggregation counts them
/// under <see cref="OtherValue"/>, counted in <see cref="MonitoringStatistics.GroupedAsOther"/>.
/// Numeric records never reach these checks: a class label is checked when its shard first sees it.
/// </remarks>
public sealed class RecordingLimits
{
    /// <summary>The value that aggregation counts distinct values over their cap under.</summary>
    public const string OtherValue = "__other__";

    /// <summary>
    /// Gets or sets the longest predicted class, ground-truth class, categorical feature value, error
    /// kind, segment, metric unit or metadata key, in UTF-16 characters. From 1 to 4,096. The default
    /// value is 256 (longer than class names, codes, exception type names and user identifiers).
    /// </summary>
    public int MaxLabelLength { get; set; } = 256;

    /// <summary>
    /// Gets or sets the longest metric metadata value or health-check issue, in UTF-16 characters.
    /// From 1 to 65,536. The default value is 1,024 (a sentence, not a document).
    /// </summary>
    public int MaxTextLength { get; set; } = 1_024;

    /// <summary>Gets or sets the most metadata entries one metric may carry. From 0 to 1,024. The default value is 32.</summary>
    public int MaxMetadataEntries { get; set; } = 32;

    /// <summary>Gets or sets the most issues one health check may carry. From 0 to 1,024. The default value is 32.</summary>
    public int MaxHealthCheckIssues { get; set; } = 32;

    /// <summary>
    /// Gets or sets the most distinct predicted classes one model's aggregation window tracks; each
    /// becomes a <c>class_share.&lt;label&gt;</c> metric, the rest share <c>class_share.__other__</c>.
    /// From 1 to 10,000. The default value is 100 (with 1-minute windows, up to 144,000 stored
    /// metrics a day per model).
    /// </summary>
    public int MaxDistinctClassLabels { get; set; } = 100;

    /// <summary>
    /// Gets or sets the most distinct values one categorical feature's drift window tracks; the rest
    /// are compared as the one category <see cref="OtherValue"/>. From 1 to 100,000. The default value
    /// is 1,000 (a feature with more values is an identifier rather than a category).
    /// </summary>
    public int MaxDistinctCategoricalValues { get; set; } = 1_000;
}
