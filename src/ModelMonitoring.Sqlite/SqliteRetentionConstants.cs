namespace ModelMonitoring.Sqlite;

/// <summary>The defaults and limits of the retention settings of <see cref="SqliteStorageOptions"/>.</summary>
internal static class SqliteRetentionConstants
{
    public const int MaxRetentionDays = 36_500;

    public static readonly TimeSpan DefaultRawRetention = TimeSpan.FromDays(30);

    public static readonly TimeSpan DefaultWindowRetention = TimeSpan.FromDays(90);

    public static readonly TimeSpan DefaultHourlyRollupRetention = TimeSpan.FromDays(90);

    public static readonly TimeSpan DefaultDailyRollupRetention = TimeSpan.FromDays(730);
}
