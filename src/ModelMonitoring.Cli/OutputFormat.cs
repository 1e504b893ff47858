namespace ModelMonitoring.Cli;

/// <summary>How the drift report is printed.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}
