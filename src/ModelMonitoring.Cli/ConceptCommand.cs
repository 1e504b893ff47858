using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Cli;

/// <summary>
/// <c>modelmon concept</c>: lists a model's stored concept drift checks from a SQLite store, oldest first. Exit code 1 when
/// the latest check listed found drift, so a CI job can gate on it; 0 otherwise.
/// </summary>
internal sealed class ConceptCommand
{
    public Option<string> Store { get; } = new("--store") { Description = "SQLite store written by the monitoring pipeline (UseSqlite).", HelpName = "path", Required = true };

    public Option<string> Model { get; } = new("--model") { Description = "Model name.", HelpName = "name", Required = true };

    public Option<string> From { get; } = new("--from") { Description = "Earliest check time, ISO 8601 (UTC when no offset). Default: all.", HelpName = "time" };

    public Option<string> To { get; } = new("--to") { Description = "Latest check time, exclusive, ISO 8601. Default: all.", HelpName = "time" };

    public Option<bool> Drifted { get; } = new("--drifted") { Description = "Only the checks that found drift.", Arity = ArgumentArity.Zero };

    public Command Command(TextWriter output)
    {
        var command = new Command("concept", "Lists a model's concept drift checks (Welch t-test of realized performance) stored in a SQLite file.")
        {
            Store, Model, From, To, Drifted,
        };
        command.SetAction(parse => Run(
            parse.GetValue(Store)!,
            parse.GetValue(Model)!,
            StoreArguments.Time(parse.GetValue(From), From.Name) ?? DateTimeOffset.MinValue,
            StoreArguments.Time(parse.GetValue(To), To.Name) ?? DateTimeOffset.MaxValue,
            parse.GetValue(Drifted),
            output));
        return command;
    }

    public static int Run(string store, string model, DateTimeOffset from, DateTimeOffset to, bool onlyDrifted, TextWriter output)
    {
        if (to < from)
        {
            throw new UsageException("Option '--to' must not be before '--from'.");
        }

        using var provider = StoreArguments.Open(store);
        var checks = provider.GetRequiredService<IConceptDriftStore>().GetConceptDriftAsync(model, from, to, onlyDrifted).GetAwaiter().GetResult();
        if (checks.Count == 0)
        {
            output.WriteLine($"No concept drift checks of model '{model}' in {store}.");
            return ExitCodes.NoDrift;
        }

        output.WriteLine("checked_at                metric                 reference (n)   current (n)  degradation        t      df          p  verdict");
        foreach (var check in checks)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{check.CheckedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z  {check.Metric,-20} {check.ReferenceMean,9:G4} ({check.ReferenceCount,3}) {check.CurrentMean,9:G4} ({check.CurrentCount,3}) {check.DegradationPercent,10:F2} % {check.TStatistic,8:G4} {check.DegreesOfFreedom,7:F2} {check.PValue,10:G3}  {(check.Drifted ? $"drift ({check.Severity})" : "no drift")}"));
        }

        return checks[^1].Drifted ? ExitCodes.Drift : ExitCodes.NoDrift;
    }

}
