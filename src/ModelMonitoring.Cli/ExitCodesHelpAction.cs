using System.CommandLine;
using System.CommandLine.Invocation;

namespace ModelMonitoring.Cli;

/// <summary>System.CommandLine's help followed by the exit codes, which scripts gating on <c>modelmon</c> need to know.</summary>
internal sealed class ExitCodesHelpAction(SynchronousCommandLineAction help, string exitCodes) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(exitCodes);
        return ExitCodes.NoDrift;
    }
}
