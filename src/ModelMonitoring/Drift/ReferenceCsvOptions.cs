namespace ModelMonitoring.Drift;

/// <summary>
/// Options of <see cref="ReferenceProfile.FromCsv(string, ReferenceCsvOptions?)"/>: which columns
/// to profile and how to type them.
/// </summary>
/// <remarks>
/// Without an override, a column is numeric when every value that is not missing (see
/// <see cref="MissingValues"/>) parses as a finite number with the invariant culture (<c>.</c> as
/// the decimal separator, exponents allowed), and categorical otherwise; a column whose values are
/// all 0 or 1 is a flag and categorical too (categories "0" and "1"), unless listed in
/// <see cref="Numeric"/>. Every column named here must be in the file's header.
/// </remarks>
public sealed class ReferenceCsvOptions
{
    /// <summary>
    /// Gets the columns to profile, in this order. The default value is an empty list, for every
    /// named column of the header in file order (columns with an empty name are left out).
    /// </summary>
    public IList<string> Columns { get; } = new List<string>();

    /// <summary>
    /// Gets the columns that must be numeric: a value that is not a finite number is an error
    /// naming its line, instead of turning the column categorical. The default value is an empty set.
    /// </summary>
    public ISet<string> Numeric { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the columns to profile as categorical even when every value is a number (codes, ids,
    /// ratings). The default value is an empty set.
    /// </summary>
    public ISet<string> Categorical { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the field separator. The default value is <c>,</c>.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>
    /// Gets the tokens read as a missing value, compared ordinally with the trimmed field; an empty
    /// field is always missing. A missing value is left out of its column's profile rather than
    /// making a numeric column categorical. The default value is the set <c>NA</c>, <c>N/A</c>,
    /// <c>NaN</c> and <c>null</c>.
    /// </summary>
    public ISet<string> MissingValues { get; } = new HashSet<string>(Csv.CsvReadOptions.DefaultMissingValues, StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the column holding the model's confidence or score for each row, profiled as the numeric output
    /// <c>prediction.score</c> for prediction drift (<see cref="DriftMonitoring.DriftMonitoringOptions.PredictionDrift"/>)
    /// instead of as a feature. The default value is <see langword="null"/>, for none.
    /// </summary>
    public string? ScoreColumn { get; set; }

    /// <summary>
    /// Gets or sets the column holding the model's predicted class for each row, profiled as the categorical output
    /// <c>prediction.class</c> (the class mix) for prediction drift. The default value is <see langword="null"/>, for none.
    /// </summary>
    public string? ClassColumn { get; set; }

    /// <summary>
    /// Gets or sets the column holding the model's predicted value for each row (regression), profiled as the numeric
    /// output <c>prediction.value</c> for prediction drift. The default value is <see langword="null"/>, for none.
    /// </summary>
    public string? ValueColumn { get; set; }
}
