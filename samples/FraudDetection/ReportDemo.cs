using ModelMonitoring.Reporting;

namespace FraudDetection;

/// <summary>Writes the HTML report of the sample's run next to monitoring.db (see docs/report.md).</summary>
internal static class ReportDemo
{
    public const string FileName = "fraud-report.html";

    public static async Task WriteAsync(IServiceProvider services, DateTimeOffset from, DateTimeOffset to)
    {
        await using (var file = File.Create(FileName))
        {
            await MonitoringReport.WriteHtmlAsync(services, new MonitoringReportOptions { Model = "fraud", From = from, To = to.AddSeconds(1) }, file);
        }

        Console.WriteLine();
        Console.WriteLine($"HTML report of this run: {Path.GetFullPath(FileName)} ({new FileInfo(FileName).Length:N0} bytes; open it in a browser).");
        Console.WriteLine("  Its hourly charts and drift heat map fill in once an hour has closed and been rolled up; the summary, the");
        Console.WriteLine("  reference against current distributions and the alerts timeline show this run already.");
        Console.WriteLine($"  The same from the command line: modelmon report --store monitoring.db --model fraud --out {FileName}");
    }
}
