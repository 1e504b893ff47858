namespace ModelMonitoring.Drift.Csv;

/// <summary>How <see cref="CsvTable"/> reads a file: its delimiter, its missing-value tokens, and which columns to keep with which types.</summary>
/// <param name="Delimiter">The field separator.</param>
/// <param name="MissingValues">Tokens read as a missing value, besides an empty field; compared ordinally after trimming.</param>
/// <param name="Select">Given the header, returns the columns to read, in order; throws to refuse the header.</param>
/// <param name="Numeric">Columns whose every value must be a number or missing.</param>
/// <param name="Categorical">Columns read as labels even when their values are numbers.</param>
internal sealed record CsvReadOptions(
    char Delimiter,
    IReadOnlyCollection<string> MissingValues,
    Func<IReadOnlyList<string>, IReadOnlyList<string>> Select,
    IReadOnlySet<string> Numeric,
    IReadOnlySet<string> Categorical)
{
    /// <summary>Gets the words that end the message about a value that is not a number (after the value, before the period). The default value is none.</summary>
    public string? NumericHint { get; init; }

    /// <summary>The tokens read as missing when none are configured (an empty field always is).</summary>
    public static readonly string[] DefaultMissingValues = ["NA", "N/A", "NaN", "null"];
}
