namespace ModelMonitoring.Cli;

/// <summary>The <c>modelmon</c> entry point.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(HelpText.Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.NoDrift;
        }

        try
        {
            return args[0] switch
            {
                "drift" => DriftCommand.Run(DriftArguments.Parse(args.AsSpan(1)), Console.Out),
                _ => throw new UsageException($"Unknown command '{args[0]}'; the only command is 'drift'."),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"modelmon: {e.Message}");
            Console.Error.WriteLine("Run 'modelmon --help' for usage.");
            return ExitCodes.Usage;
        }
    }
}
