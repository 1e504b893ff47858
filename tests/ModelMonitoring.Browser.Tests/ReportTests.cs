using System.Text.RegularExpressions;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Browser.Tests;

/// <summary>The HTML report's content and size, read as text (the browser tests load it in Chromium).</summary>
public sealed partial class ReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelmonitoring-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ThirtyDaysOfTwentyFeatures_FitUnderOneMegabyte_WithOnePointPerDayAndAFullHeatMap()
    {
        var features = Enumerable.Range(0, 20).Select(i => $"feature_{i:00}").ToArray();

        var html = await ReportFixture.WriteReportAsync(_directory, "fraud", features, hours: 30 * 24);

        System.Text.Encoding.UTF8.GetByteCount(html).ShouldBeLessThan(1_000_000);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        Attribute(html, "chart-volume", "data-points").ShouldBe(30);
        Attribute(html, "chart-latency", "data-points").ShouldBe(90); // p50, p95 and p99 per day
        HeatMapRegex().Match(html).Groups.Values.Skip(1).Select(g => g.Value).ShouldBe(["20", "30"]);
        HistogramRegex().Count(html).ShouldBe(20);
        html.ShouldContain("data-alerts=\"3\"");
        html.ShouldContain("quality.feature_19.missing_share");
    }

    [Fact]
    public async Task ReportSize_GrowsWithBuckets_NotWithPredictions()
    {
        var sparse = await ReportFixture.WriteReportAsync(Directory.CreateDirectory(Path.Combine(_directory, "sparse")).FullName, "m", ["a", "b"], hours: 48);
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "dense")).FullName;
        var path = Path.Combine(directory, "history.db");
        string dense;
        await using (var provider = ReportFixture.Store(path, 48))
        {
            await MonitoringHistory.WriteAsync(provider, "m", ["a", "b"], ReportFixture.Start, 48, predictionsPerHour: 240);
            using var output = new MemoryStream();
            await Reporting.MonitoringReport.WriteHtmlAsync(provider, new Reporting.MonitoringReportOptions { Model = "m", From = ReportFixture.Start, To = ReportFixture.Start.AddHours(48) }, output);
            dense = System.Text.Encoding.UTF8.GetString(output.ToArray());
        }

        // Twenty times the predictions: the same charts and cells; only the numbers in them differ.
        Attribute(dense, "chart-volume", "data-points").ShouldBe(48);
        ((double)dense.Length / sparse.Length).ShouldBeInRange(0.8, 1.25);
    }

    [Fact]
    public async Task HostileModelAndFeatureNames_AreEncoded_NeverMarkup()
    {
        const string feature = "<img src=x onerror=alert(1)>";
        const string model = "m&<b>\"x\"";

        var html = await ReportFixture.WriteReportAsync(_directory, model, [feature, "ok"], hours: 6);

        html.ShouldNotContain(feature);
        html.ShouldNotContain("<b>");
        html.ShouldContain("&lt;img src=x onerror=alert(1)&gt;");
        html.ShouldContain("m&amp;&lt;b&gt;&quot;x&quot;");
    }

    private static int Attribute(string html, string id, string attribute)
    {
        var match = Regex.Match(html, $"id=\"{id}\" {attribute}=\"(\\d+)\"");
        match.Success.ShouldBeTrue($"no {attribute} on #{id}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("class=\"heatmap\" data-rows=\"(\\d+)\" data-columns=\"(\\d+)\"")]
    private static partial Regex HeatMapRegex();

    [GeneratedRegex("<svg class=\"histogram\"")]
    private static partial Regex HistogramRegex();
}
