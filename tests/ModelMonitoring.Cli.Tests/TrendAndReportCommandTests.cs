using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Cli.Tests;

/// <summary><c>modelmon trend</c> and <c>modelmon report</c> of the installed tool, on a SQLite store holding a written history.</summary>
public sealed class TrendAndReportCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Trend_Json_EqualsTheAggregatesOfTheRawRows_PerHour()
    {
        var store = await WriteHistoryAsync(hours: 3);

        var result = await _cli.RunAsync("trend", "--store", store, "--model", "fraud", "--metric", "latency_p95_ms", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToArray();
        points.Length.ShouldBe(3);
        await using var provider = Open(store);
        for (var hour = 0; hour < 3; hour++)
        {
            var raw = await provider.GetRequiredService<IPredictionReader>().GetPredictionsAsync("fraud", Start.AddHours(hour), Start.AddHours(hour + 1));
            var sorted = raw.Select(p => p.Latency.TotalMilliseconds).Order().ToArray();
            var nearestRank = sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
            points[hour].GetProperty("start").GetDateTimeOffset().ShouldBe(Start.AddHours(hour));
            points[hour].GetProperty("metric").GetString().ShouldBe("latency_p95_ms");
            points[hour].GetProperty("value").GetDouble().ShouldBe(nearestRank, 1e-9);
            points[hour].GetProperty("weight").GetInt64().ShouldBe(sorted.Length);
        }
    }

    [Fact]
    public async Task Trend_Text_PerDay_ListsTheDailyBuckets()
    {
        var store = await WriteHistoryAsync(hours: 48);

        var result = await _cli.RunAsync("trend", "--store", store, "--model", "fraud", "--resolution", "day", "--metric", "prediction_count");

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[1].ShouldStartWith("2026-03-01T00:00Z  prediction_count");
        lines[1].ShouldEndWith((24 * 12).ToString(CultureInfo.InvariantCulture));
        lines[2].ShouldStartWith("2026-03-02T00:00Z");
    }

    [Fact]
    public async Task Trend_BadResolutionFormatOrStore_ExitsTwoNamingTheOption()
    {
        var store = await WriteHistoryAsync(hours: 2);

        var resolution = await _cli.RunAsync("trend", "--store", store, "--model", "fraud", "--resolution", "week");
        var format = await _cli.RunAsync("trend", "--store", store, "--model", "fraud", "--format", "xml");
        var missing = await _cli.RunAsync("trend", "--store", Path.Combine(_cli.Directory, "none.db"), "--model", "fraud");

        resolution.ExitCode.ShouldBe(2);
        resolution.Error.ShouldContain("Option '--resolution': 'week' is not allowed; use hour or day.");
        format.ExitCode.ShouldBe(2);
        format.Error.ShouldContain("Option '--format'");
        missing.ExitCode.ShouldBe(2);
        missing.Error.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Report_WritesOneSelfContainedHtmlFile()
    {
        var store = await WriteHistoryAsync(hours: 24);
        var output = Path.Combine(_cli.Directory, "report.html");

        var result = await _cli.RunAsync("report", "--store", store, "--model", "fraud", "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-02T00:00:00Z", "--out", output);
        var backwards = await _cli.RunAsync("report", "--store", store, "--model", "fraud", "--from", "2026-03-02T00:00:00Z", "--to", "2026-03-01T00:00:00Z", "--out", output + ".2");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldStartWith($"Wrote {output}");
        var html = await File.ReadAllTextAsync(output);
        html.ShouldStartWith("<!doctype html>");
        html.ShouldContain("id=\"chart-volume\" data-points=\"24\"");
        html.ShouldContain("class=\"heatmap\" data-rows=\"2\" data-columns=\"24\"");
        html.ShouldNotContain("<script", Case.Insensitive);
        backwards.ExitCode.ShouldBe(2);
        backwards.Error.ShouldContain("Option '--to' must be after '--from'.");
        File.Exists(output + ".2").ShouldBeFalse();
    }

    private static ServiceProvider Open(string path, int hours = 0)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start.AddHours(hours + 48)));
        services.AddModelMonitoring().UseSqlite(o =>
        {
            o.Path = path;
            o.RawPredictionRetention = null;
        });
        return services.BuildServiceProvider();
    }

    private async Task<string> WriteHistoryAsync(int hours)
    {
        var path = Path.Combine(_cli.Directory, "history.db");
        await using var provider = Open(path, hours);
        await MonitoringHistory.WriteAsync(provider, "fraud", ["amount", "age"], Start, hours);
        return path;
    }
}
