namespace ModelMonitoring.Drift;

/// <summary>
/// Options of <see cref="ReferenceProfile.FromCsv(string, ReferenceCsvOptions?)"/>: which columns
/// to profile and how to type them.
/// </summary>
/// <remarks>
/// Without an override, a column is numeric when every non-empty value parses as a finite number
/// with the invariant culture (<c>.</c> as the decimal separator, exponents allowed), and
/// categorical otherwise. Every column named here must be in the file's header.
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
}
