namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// Window partials carry their features' data-quality counts (<see cref="ModelMonitoring.Fleet.FeatureQualityPartial"/>) as
/// <c>jsonb</c>, so the leader merges the <c>quality.*</c> window metrics of every replica. Rows saved before read back without any.
/// </summary>
internal static class FeatureQualityColumn
{
    public const int Step = 9;

    public static readonly Migration Migration = new(Step, "fleet windows: data-quality counts of window partials", """
        ALTER TABLE {schema}.window_partials ADD COLUMN feature_quality jsonb NOT NULL DEFAULT '[]';
        """);
}
