namespace ModelMonitoring.Cli;

/// <summary>The process exit codes, stable so that CI scripts can gate on them.</summary>
internal static class ExitCodes
{
    public const int NoDrift = 0;

    public const int Drift = 1;

    public const int Usage = 2;
}
