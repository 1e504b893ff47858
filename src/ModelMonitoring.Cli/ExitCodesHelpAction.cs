using System.CommandLine;
using System.CommandLine.Invocation;

namespace ModelMonitoring.Cli;

/// <summary>
/// System.CommandLine's help followed, for <c>drift</c>, by the drift methods (from <see cref="MethodTable"/>,
/// so a registered method is listed with its description and rule), then the exit codes, which scripts gating on
/// <c>modelmon</c> need to know.
/// </summary>
internal sealed class ExitCodesHelpAction(SynchronousCommandLineAction help, string exitCodes) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        help.Invoke(parseResult);
        if (parseResult.CommandResult.Command.Name == "drift")
        {
            parseResult.InvocationConfiguration.Output.WriteLine("Methods:");
            foreach (var line in MethodTable.HelpLines())
            {
                parseResult.InvocationConfiguration.Output.WriteLine("  " + line);
            }

            parseResult.InvocationConfiguration.Output.WriteLine();
        }

        parseResult.InvocationConfiguration.Output.WriteLine(exitCodes);
        return ExitCodes.NoDrift;
    }
}
