using System.Reflection;

namespace ModelMonitoring.Cli;

/// <summary>The <c>modelmon</c> entry point.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help" || (args[0] == "drift" && args.Skip(1).Any(IsHelp)))
        {
            Console.Out.Write(HelpText.Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.NoDrift;
        }

        if (args is ["--version"])
        {
            Console.Out.WriteLine($"modelmon {Version()}");
            return ExitCodes.NoDrift;
        }

        try
        {
            return args[0] switch
            {
                "drift" => DriftCommand.Run(DriftArguments.Parse(args.AsSpan(1)), Console.Out, Console.Error),
                _ => throw new UsageException($"Unknown command '{args[0]}'; the only command is 'drift'."),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"modelmon: {e.Message}");
            Console.Error.WriteLine("Run 'modelmon --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            // Columns are checked one by one and their failures named there; anything left is a
            // fault, still reported as one line and exit code 2 rather than a crash with a stack trace.
            Console.Error.WriteLine($"modelmon: {ColumnFailure.Reason(e)}");
            return ExitCodes.Usage;
        }
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help";

    // The package version, without the commit that SourceLink appends after '+'.
    private static string Version()
    {
        var assembly = typeof(Program).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
