namespace ModelMonitoring.Cli;

/// <summary>Turns a library exception raised for a column into the reason printed with the column's name.</summary>
internal static class ColumnFailure
{
    public static string Reason(Exception e)
    {
        var message = e.Message.TrimEnd();
        return e switch
        {
            // The parameter name means nothing on the command line; the message says which sample.
            ArgumentException { ParamName: { } parameter } => message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal),
            ArgumentException or InvalidOperationException => message,

            // Any other type is a fault rather than a refusal of the input; its name helps a bug report.
            _ => $"{message.TrimEnd('.')} ({e.GetType().Name}).",
        };
    }
}
