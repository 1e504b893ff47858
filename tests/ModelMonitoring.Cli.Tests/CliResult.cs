namespace ModelMonitoring.Cli.Tests;

/// <summary>The exit code and the captured output of one CLI run.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);
