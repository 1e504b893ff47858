using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Reporting;
using ModelMonitoring.Testing;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Browser.Tests;

/// <summary>Writes a history into a real SQLite file and the HTML report of it, for the report tests.</summary>
internal static class ReportFixture
{
    public static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Opens (or creates) the SQLite store at <paramref name="path"/> with a clock after the history and the raw rows kept.</summary>
    public static ServiceProvider Store(string path, int hours)
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

    /// <summary>Writes <paramref name="hours"/> hours of history of <paramref name="features"/> and returns the report's HTML.</summary>
    public static async Task<string> WriteReportAsync(string directory, string model, string[] features, int hours, TrendResolution? resolution = null)
    {
        var path = Path.Combine(directory, "history.db");
        await using var provider = Store(path, hours);
        await MonitoringHistory.WriteAsync(provider, model, features, Start, hours);
        using var output = new MemoryStream();
        await MonitoringReport.WriteHtmlAsync(provider, new MonitoringReportOptions { Model = model, From = Start, To = Start.AddHours(hours), Resolution = resolution }, output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
