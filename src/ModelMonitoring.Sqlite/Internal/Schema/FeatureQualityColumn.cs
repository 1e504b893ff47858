namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 11: window partials carry their features' data-quality counts (<see cref="ModelMonitoring.Fleet.FeatureQualityPartial"/>)
/// as JSON, so the leader merges the <c>quality.*</c> window metrics of every replica. Rows saved before read back without any.
/// </summary>
internal static class FeatureQualityColumn
{
    public const int Step = 11;

    public static readonly Migration Migration = new(Step, "fleet windows: data-quality counts of window partials", """
        ALTER TABLE window_partials ADD COLUMN feature_quality TEXT NOT NULL DEFAULT '[]';
        """);
}
