using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ModelMonitoring.Cli;

/// <summary>The <c>modelmon</c> entry point.</summary>
internal static class Program
{
    private const string ExitCodesHelp = """
        Exit codes:
          0  no drift
          1  drift detected (by the columns' share or, with --multivariate, by the multivariate check)
          2  bad usage or input, or a column that cannot be compared (the message names the column and the reason)
        """;

    private static int Main(string[] args)
    {
        var root = Root();
        var parse = root.Parse(args);

        // Every usage error, found by the parser or by the checks of a command, is printed the same
        // way: one line each on standard error, a pointer to the command's help, exit code 2.
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"modelmon: {error.Message}");
            }

            return Fail(parse);
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"modelmon: {e.Message}");
            return Fail(parse);
        }
        catch (Exception e)
        {
            // Columns are checked one by one and their failures named there; anything left is a
            // fault, still reported as one line and exit code 2 rather than a crash with a stack trace.
            Console.Error.WriteLine($"modelmon: {ColumnFailure.Reason(e)}");
            return ExitCodes.Usage;
        }
    }

    /// <summary>Builds the command tree: <c>drift</c>, with <c>--help</c>, <c>--version</c> and the <c>[suggest]</c> directive from <see cref="RootCommand"/>.</summary>
    private static RootCommand Root()
    {
        var options = new DriftOptions();
        var drift = options.Command(parse => DriftCommand.Run(DriftArguments.From(parse, options), Console.Out, Console.Error));
        var root = new RootCommand("modelmon: a drift check between two CSV files, with exit codes made for CI gates.") { drift, new ConceptCommand().Command(Console.Out), new TrendCommand().Command(Console.Out), new ReportCommand().Command(Console.Out, TimeProvider.System) };

        var helpOption = root.Options.OfType<HelpOption>().Single();
        var help = new ExitCodesHelpAction((SynchronousCommandLineAction)helpOption.Action!, ExitCodesHelp);
        helpOption.Action = help;

        // Without a command there is nothing to run: the usage is shown, but the exit code says the call was wrong.
        root.SetAction(parse =>
        {
            help.Invoke(parse);
            return ExitCodes.Usage;
        });
        return root;
    }

    private static int Fail(ParseResult parse)
    {
        var command = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Append(parse.CommandResult.Command)
            .Select(c => c is RootCommand ? "modelmon" : c.Name));
        Console.Error.WriteLine($"Run '{command} --help' for usage.");
        return ExitCodes.Usage;
    }
}
