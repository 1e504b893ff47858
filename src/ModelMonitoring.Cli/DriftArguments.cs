using System.CommandLine;
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
    /// <summary>Gets the field separator of both files, or null for the reader's default (<c>--delimiter</c>).</summary>
    public char? Delimiter { get; init; }

    /// <summary>Gets the field values read as missing, or null for the reader's default (<c>--missing-values</c>).</summary>
    public IReadOnlyList<string>? MissingValues { get; init; }

    /// <summary>Checks the values System.CommandLine parsed for <c>drift</c>, alone and together.</summary>
    /// <exception cref="UsageException">A value is bad, or options contradict each other.</exception>
    public static DriftArguments From(ParseResult parse, DriftOptions options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options.ValueOptions)
        {
            if (parse.GetValue(option) is { } value)
            {
                // An empty token ('--format ""') would otherwise read as the default; '--missing-values ""' makes only the empty field missing.
                values[option.Name] = value.Length > 0 || option == options.MissingValues
                    ? value
                    : throw new UsageException($"Option '{option.Name}' needs a value.");
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
            parse.GetValue(options.Multivariate),
            format)
        {
            Delimiter = values.TryGetValue("--delimiter", out var delimiter) ? ParseDelimiter(delimiter) : null,
            MissingValues = values.TryGetValue("--missing-values", out var missing) ? missing.Split(',', StringSplitOptions.TrimEntries) : null,
        };
    }

    // A quote or a line break cannot separate fields: both end or delimit a field's text.
    public static char ParseDelimiter(string text) => text switch
    {
        "tab" or "\\t" or "\t" => '\t',
        [var c] when c is not ('"' or '\r' or '\n') => c,
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
