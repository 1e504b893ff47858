namespace ModelMonitoring.Drift;

/// <summary>
/// Profiles of every feature of a reference (typically training) dataset, built once and reused
/// by every drift check: numeric references are sorted and binned here, never again per check.
/// </summary>
public sealed partial class ReferenceProfile
{
    private readonly Dictionary<string, FeatureProfile> _numeric;
    private readonly Dictionary<string, CategoricalProfile> _categorical;

    private ReferenceProfile(int rowCount, FeatureProfile[] numeric, CategoricalProfile[] categorical, int[][]? rowOrder = null)
    {
        RowCount = rowCount;
        RowOrder = rowOrder;
        NumericFeatures = numeric;
        CategoricalFeatures = categorical;
        _numeric = numeric.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _categorical = categorical.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the number of reference rows, which drives the automatic method choice.</summary>
    public int RowCount { get; }

    /// <summary>Gets the numeric feature profiles, in the order the columns were supplied.</summary>
    public IReadOnlyList<FeatureProfile> NumericFeatures { get; }

    /// <summary>Gets the categorical feature profiles, in the order the columns were supplied.</summary>
    public IReadOnlyList<CategoricalProfile> CategoricalFeatures { get; }

    /// <summary>Profiles a reference dataset given column by column.</summary>
    /// <param name="numericColumns">Numeric columns by feature name; values must be finite.</param>
    /// <param name="categoricalColumns">
    /// Categorical columns by feature name. The default value is <see langword="null"/>, for none.
    /// </param>
    /// <param name="keepRowOrder">
    /// Whether to keep which numeric values were seen together in a row (4 bytes per numeric value in
    /// memory, a few more in <see cref="ToBytes"/>), which continuous multivariate checks
    /// (<see cref="DriftMonitoring.DriftMonitoringOptions.Multivariate"/>) need to fit their components.
    /// The default value is <see langword="false"/>.
    /// </param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">
    /// There is no column, columns differ in length, a column is empty, a feature name is used
    /// twice, or a value is not finite (numeric) or <see langword="null"/> (categorical).
    /// </exception>
    public static ReferenceProfile Create(
        IReadOnlyDictionary<string, double[]> numericColumns,
        IReadOnlyDictionary<string, string[]>? categoricalColumns = null,
        bool keepRowOrder = false)
    {
        ArgumentNullException.ThrowIfNull(numericColumns);
        categoricalColumns ??= new Dictionary<string, string[]>();
        var rows = -1;
        foreach (var (name, column) in numericColumns)
        {
            CheckColumn(name, column?.Length, ref rows, nameof(numericColumns));
        }

        foreach (var (name, column) in categoricalColumns)
        {
            CheckColumn(name, column?.Length, ref rows, nameof(categoricalColumns));
            if (numericColumns.ContainsKey(name))
            {
                throw new ArgumentException($"Feature '{name}' is given both as numeric and as categorical.", nameof(categoricalColumns));
            }
        }

        if (rows <= 0)
        {
            throw new ArgumentException("The reference dataset needs at least one non-empty column.", nameof(numericColumns));
        }

        var numeric = numericColumns.Select(c => FeatureProfile.Create(c.Key, c.Value)).ToArray();
        var categorical = categoricalColumns.Select(c => CategoricalProfile.Create(c.Key, c.Value)).ToArray();
        return new ReferenceProfile(rows, numeric, categorical, keepRowOrder ? RowOrderOf(numeric, [.. numericColumns.Values]) : null);
    }

    // Assembles profiles built elsewhere (stored, or learned from columns of different lengths); names must be unique within each kind.
    internal static ReferenceProfile FromProfiles(int rowCount, FeatureProfile[] numeric, CategoricalProfile[] categorical, int[][]? rowOrder = null) =>
        new(rowCount, numeric, categorical, rowOrder);

    internal bool TryGetNumeric(string name, out FeatureProfile profile) =>
        _numeric.TryGetValue(name, out profile!);

    internal bool TryGetCategorical(string name, out CategoricalProfile profile) =>
        _categorical.TryGetValue(name, out profile!);

    private static void CheckColumn(string name, int? length, ref int rows, string paramName)
    {
        if (length is null)
        {
            throw new ArgumentException($"Feature '{name}' has no column.", paramName);
        }

        if (rows >= 0 && length != rows)
        {
            throw new ArgumentException($"Feature '{name}' has {length} rows; the other columns have {rows}.", paramName);
        }

        rows = length.Value;
    }
}
