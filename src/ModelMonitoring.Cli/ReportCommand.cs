using System.CommandLine;
using ModelMonitoring.Reporting;

namespace ModelMonitoring.Cli;

/// <summary><c>modelmon report</c>: writes the self-contained HTML report of a model (see <see cref="MonitoringReport"/>) from a SQLite store.</summary>
internal sealed class ReportCommand
{
    public Option<string> Store { get; } = new("--store") { Description = "SQLite store written by the monitoring pipeline (UseSqlite).", HelpName = "path", Required = true };

    public Option<string> Model { get; } = new("--model") { Description = "Model name.", HelpName = "name", Required = true };

    public Option<string> From { get; } = new("--from") { Description = "Start of the range, ISO 8601 (UTC when no offset). Default: 7 days before --to.", HelpName = "time" };

    public Option<string> To { get; } = new("--to") { Description = "End of the range, exclusive, ISO 8601. Default: now.", HelpName = "time" };

    public Option<string> Out { get; } = new("--out") { Description = "The HTML file to write.", HelpName = "path", Required = true };

    public Command Command(TextWriter output, TimeProvider clock)
    {
        var command = new Command("report", "Writes one self-contained HTML report of a model (summary, health, volume, latency, performance, drift heat map, distributions, data quality, alerts) from a SQLite store.")
        {
            Store, Model, From, To, Out,
        };
        command.SetAction(parse =>
        {
            var to = StoreArguments.Time(parse.GetValue(To), To.Name) ?? clock.GetUtcNow();
            var from = StoreArguments.Time(parse.GetValue(From), From.Name) ?? to.AddDays(-7);
            return Run(parse.GetValue(Store)!, parse.GetValue(Model)!, from, to, parse.GetValue(Out)!, output);
        });
        return command;
    }

    public static int Run(string store, string model, DateTimeOffset from, DateTimeOffset to, string path, TextWriter output)
    {
        StoreArguments.CheckRange(from, to);
        using var provider = StoreArguments.Open(store);
        using (var file = File.Create(path))
        {
            MonitoringReport.WriteHtmlAsync(provider, new MonitoringReportOptions { Model = model, From = from, To = to }, file).GetAwaiter().GetResult();
        }

        output.WriteLine($"Wrote {path} ({new FileInfo(path).Length:N0} bytes).");
        return 0;
    }
}
