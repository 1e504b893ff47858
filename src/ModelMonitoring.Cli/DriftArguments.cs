using System.Globalization;

namespace ModelMonitoring.Cli;

/// <summary>The parsed options of <c>modelmon drift</c>.</summary>
internal sealed record DriftArguments(
    string ReferencePath,
    string CurrentPath,
    string? Method,
    IReadOnlyList<string>? Columns,
    IReadOnlyList<string> Categorical,
    double? Threshold,
    OutputFormat Format)
{
    /// <summary>Parses the arguments that follow <c>drift</c>.</summary>
    /// <exception cref="UsageException">An option is unknown, repeated, lacks a value or has a bad one.</exception>
    public static DriftArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            string value;
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (option.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = option[(equals + 1)..];
                option = option[..equals];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                value = string.Empty;
            }

            if (option is not ("--reference" or "--current" or "--method" or "--columns" or "--categorical" or "--threshold" or "--format"))
            {
                throw new UsageException($"Unknown option '{option}'.");
            }

            if (value.Length == 0)
            {
                throw new UsageException($"Option '{option}' needs a value.");
            }

            if (!values.TryAdd(option, value))
            {
                throw new UsageException($"Option '{option}' is given twice.");
            }
        }

        var reference = values.GetValueOrDefault("--reference") ?? throw new UsageException("Missing required option '--reference'.");
        var current = values.GetValueOrDefault("--current") ?? throw new UsageException("Missing required option '--current'.");
        var method = values.GetValueOrDefault("--method") ?? MethodTable.Auto;
        if (!MethodTable.IsKnown(method) && method != MethodTable.Auto)
        {
            throw new UsageException($"Unknown method '{method}'; allowed: {MethodTable.Auto}, {string.Join(", ", MethodTable.All)}.");
        }

        double? threshold = null;
        if (values.TryGetValue("--threshold", out var text))
        {
            if (method == MethodTable.Auto)
            {
                throw new UsageException("Option '--threshold' needs '--method' other than 'auto': automatic choice mixes p-values and distances.");
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || MethodTable.ThresholdError(method, parsed) is not null)
            {
                throw new UsageException($"Bad value '{text}' for '--threshold': {MethodTable.ThresholdRule(method)}.");
            }

            threshold = parsed;
        }

        var format = values.GetValueOrDefault("--format") switch
        {
            null or "text" => OutputFormat.Text,
            "json" => OutputFormat.Json,
            var other => throw new UsageException($"Unknown format '{other}'; allowed: text, json."),
        };

        return new DriftArguments(
            reference,
            current,
            method == MethodTable.Auto ? null : method,
            values.TryGetValue("--columns", out var columns) ? List(columns, "--columns") : null,
            values.TryGetValue("--categorical", out var categorical) ? List(categorical, "--categorical") : [],
            threshold,
            format);
    }

    private static string[] List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(i => i.Length == 0))
        {
            throw new UsageException($"Option '{option}' has an empty column name in '{text}'.");
        }

        return items.Distinct(StringComparer.Ordinal).ToArray();
    }
}
