using ModelMonitoring.Trends;

namespace ModelMonitoring.Reporting;

/// <summary>What <see cref="MonitoringReport.WriteHtmlAsync"/> reports on.</summary>
public sealed class MonitoringReportOptions
{
    /// <summary>Gets or sets the model's name. Required.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the inclusive start of the reported range (UTC).</summary>
    public DateTimeOffset From { get; set; }

    /// <summary>Gets or sets the exclusive end of the reported range (UTC).</summary>
    public DateTimeOffset To { get; set; }

    /// <summary>
    /// Gets or sets the bucket of the charts and the drift heat map. When <see langword="null"/> (the default), hours for a
    /// range of up to 7 days and days beyond, so the file's size follows the range, not the traffic.
    /// </summary>
    public TrendResolution? Resolution { get; set; }

    /// <summary>Gets or sets the most numeric features whose reference and current distributions are drawn. The default value is 20.</summary>
    public int MaxDistributions { get; set; } = 20;

    /// <summary>Gets or sets how much of the range's end is read as the current distribution of each feature. The default value is one hour.</summary>
    public TimeSpan CurrentPeriod { get; set; } = TimeSpan.FromHours(1);
}
