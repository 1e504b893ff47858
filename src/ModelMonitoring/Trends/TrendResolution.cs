namespace ModelMonitoring.Trends;

/// <summary>The size of the buckets a trend is rolled up into (UTC hours or UTC days).</summary>
public enum TrendResolution
{
    /// <summary>One point per UTC hour.</summary>
    Hour = 0,

    /// <summary>One point per UTC day.</summary>
    Day = 1,
}
