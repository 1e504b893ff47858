using System.Globalization;

namespace ModelMonitoring.Cli;

/// <summary>The parsed options of <c>modelmon drift</c>.</summary>
internal sealed record DriftArguments(
    string ReferencePath,
    string CurrentPath,
    string? Method,
    IReadOnlyList<string>? Columns,
    IReadOnlyList<string> Categorical,
    IReadOnlyList<string> Numeric,
    double? Threshold,
    double? DriftShare,
    bool Multivariate,
    OutputFormat Format)
{
    private static readonly string[] ValueOptions =
        ["--reference", "--current", "--method", "--columns", "--categorical", "--numeric", "--threshold", "--drift-share", "--format", "--delimiter", "--missing-values"];

    private static readonly string[] Flags = ["--multivariate"];

    /// <summary>Gets the field separator of both files; <see langword="null"/> for a comma.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Gets the tokens read as missing values besides an empty field; <see langword="null"/> for the library's defaults.</summary>
    public IReadOnlyList<string>? MissingValues { get; init; }

    /// <summary>Parses the arguments that follow <c>drift</c>.</summary>
    /// <exception cref="UsageException">An option is unknown, repeated, lacks a value or has a bad one.</exception>
    public static DriftArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            string? value = null;
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (option.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = option[(equals + 1)..];
                option = option[..equals];
            }

            if (Flags.Contains(option, StringComparer.Ordinal))
            {
                value = value is null ? "true" : throw new UsageException($"Option '{option}' takes no value.");
            }
            else if (!ValueOptions.Contains(option, StringComparer.Ordinal))
            {
                throw new UsageException($"Unknown option '{option}'.");
            }
            else if (value is null)
            {
                value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : string.Empty;
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

            if (!TryNumber(text, out var parsed) || MethodTable.ThresholdError(method, parsed) is not null)
            {
                throw new UsageException($"Bad value '{text}' for '--threshold': {MethodTable.ThresholdRule(method)}.");
            }

            threshold = parsed;
        }

        double? driftShare = null;
        if (values.TryGetValue("--drift-share", out var share))
        {
            driftShare = TryNumber(share, out var parsed) && parsed is > 0 and <= 1
                ? parsed
                : throw new UsageException($"Bad value '{share}' for '--drift-share': the share of drifted columns must lie in (0, 1].");
        }

        var format = values.GetValueOrDefault("--format") switch
        {
            null or "text" => OutputFormat.Text,
            "json" => OutputFormat.Json,
            var other => throw new UsageException($"Unknown format '{other}'; allowed: text, json."),
        };

        var categorical = values.TryGetValue("--categorical", out var c) ? List(c, "--categorical") : [];
        var numeric = values.TryGetValue("--numeric", out var n) ? List(n, "--numeric") : [];
        if (numeric.Intersect(categorical, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            throw new UsageException($"Column '{both}' is listed in both '--numeric' and '--categorical'.");
        }

        return new DriftArguments(
            reference,
            current,
            method == MethodTable.Auto ? null : method,
            values.TryGetValue("--columns", out var columns) ? List(columns, "--columns") : null,
            categorical,
            numeric,
            threshold,
            driftShare,
            values.ContainsKey("--multivariate"),
            format)
        {
            Delimiter = values.TryGetValue("--delimiter", out var delimiter) ? ParseDelimiter(delimiter) : null,
            MissingValues = values.TryGetValue("--missing-values", out var missing) ? missing.Split(',', StringSplitOptions.TrimEntries) : null,
        };
    }

    /// <summary>Parses <c>--delimiter</c>: one character, or <c>tab</c> or <c>\t</c> for a tab.</summary>
    /// <exception cref="UsageException">The value is not one character that can separate fields.</exception>
    public static char ParseDelimiter(string text) => text switch
    {
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } when text[0] is not ('"' or '\r' or '\n') => text[0],
        _ => throw new UsageException($"Bad value '{text}' for '--delimiter': one character other than a quote or a line break, or 'tab'."),
    };

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

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
