namespace ModelMonitoring.Drift;

/// <summary>Options of a <see cref="DatasetDriftDetector"/>.</summary>
/// <remarks>
/// Features without an entry in <see cref="Methods"/> get the automatic choice (Evidently's rule):
/// with at most 1,000 reference rows, numeric features use the Kolmogorov-Smirnov test,
/// categorical features with exactly two categories (reference and current together) the
/// two-proportion Z-test, and other categorical features the chi-square test, each at p &lt; 0.05;
/// with more rows, numeric features use the normed Wasserstein distance and categorical features
/// the Jensen-Shannon distance, each at a distance ≥ 0.1. <see cref="DefaultMethod"/> replaces that
/// choice with one method for every feature it applies to, such as the first seed's
/// <see cref="DriftMethods.Combined"/> verdict.
/// </remarks>
public sealed class DatasetDriftOptions
{
    /// <summary>
    /// Gets or sets the share of drifted features at or above which the dataset is declared drifted.
    /// Must lie in (0, 1]. The default value is 0.5.
    /// </summary>
    public double DriftShare { get; set; } = DriftConstants.DriftShare;

    /// <summary>
    /// Gets or sets how the per-feature results decide the dataset verdict: the share of drifted features
    /// (<see cref="DatasetDriftRule.DriftShare"/>), or the first seed's rule, score above 0.5 or more than
    /// 30 % of the features (<see cref="DatasetDriftRule.ScoreOrShare"/>). The default value is
    /// <see cref="DatasetDriftRule.DriftShare"/>.
    /// </summary>
    public DatasetDriftRule Rule { get; set; } = DatasetDriftRule.DriftShare;

    /// <summary>
    /// Gets or sets the name of a method in <see cref="Catalog"/> used for every feature without an entry in
    /// <see cref="Methods"/> that it applies to, instead of the automatic choice; features of a kind it
    /// does not apply to keep the automatic choice. For example <see cref="DriftMethods.Combined"/>, the
    /// first seed's verdict. The default value is <see langword="null"/>, for the automatic choice.
    /// </summary>
    public string? DefaultMethod { get; set; }

    /// <summary>
    /// Gets or sets the threshold of <see cref="DefaultMethod"/>, read as <see cref="FeatureDriftMethod.Threshold"/>.
    /// The default value is <see langword="null"/>, for the method's <see cref="DriftMethod.DefaultThreshold"/>.
    /// </summary>
    public double? DefaultThreshold { get; set; }

    /// <summary>
    /// Gets the per-feature methods and thresholds that replace the automatic choice, by feature
    /// name. The default value is an empty dictionary.
    /// </summary>
    public IDictionary<string, FeatureDriftMethod> Methods { get; } = new Dictionary<string, FeatureDriftMethod>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the drift methods that <see cref="Methods"/> may name. Add a custom
    /// <see cref="DriftMethod"/> here (one line, such as <c>options.Catalog.Add(new MyMethod())</c>) to
    /// choose it by name. The default value is a catalog of the built-in methods (<see cref="DriftMethods"/>).
    /// </summary>
    public DriftMethodCatalog Catalog { get; } = DriftMethodCatalog.CreateBuiltIn();
}
