using System.Diagnostics;

namespace ModelMonitoring.Drift;

/// <summary>
/// Checks current datasets against a <see cref="ReferenceProfile"/>, feature by feature, choosing
/// each feature's method automatically unless <see cref="DatasetDriftOptions.Methods"/> names one or
/// <see cref="DatasetDriftOptions.DefaultMethod"/> applies to it.
/// </summary>
/// <remarks>
/// The options are validated and copied when the detector is created; later changes to them have
/// no effect. A detector is immutable and may be shared between threads.
/// </remarks>
public sealed class DatasetDriftDetector : IDriftDetector
{
    private readonly double _driftShare;
    private readonly DatasetDriftRule _rule;
    private readonly DriftMethod? _defaultMethod;
    private readonly double _defaultThreshold;
    private readonly Dictionary<string, FeatureDriftMethod> _methods;
    private readonly DriftMethodCatalog _catalog;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">The options. The default value is <see langword="null"/>, for the defaults.</param>
    /// <exception cref="ArgumentException">
    /// <see cref="DatasetDriftOptions.DriftShare"/> is outside (0, 1], <see cref="DatasetDriftOptions.Rule"/> is
    /// not a defined value, or a per-feature or default method has a name not in
    /// <see cref="DatasetDriftOptions.Catalog"/> or an invalid threshold; the message lists every problem.
    /// </exception>
    public DatasetDriftDetector(DatasetDriftOptions? options = null)
    {
        options ??= new DatasetDriftOptions();
        var errors = new List<string>();
        if (options.DriftShare is not (> 0 and <= 1))
        {
            errors.Add($"DriftShare must lie in (0, 1], not {options.DriftShare}.");
        }

        if (!Enum.IsDefined(options.Rule))
        {
            errors.Add($"Rule must be {DatasetDriftRule.DriftShare} or {DatasetDriftRule.ScoreOrShare}, not {options.Rule}.");
        }

        var catalog = options.Catalog.Copy();
        DriftMethod? defaultMethod = null;
        if (options.DefaultMethod is { } name && !catalog.TryGet(name, out defaultMethod))
        {
            errors.Add($"DefaultMethod: unknown drift method '{name}'; allowed: {catalog.Names}, or null for the automatic choice.");
        }
        else if (options.DefaultThreshold is { } threshold && defaultMethod is null)
        {
            errors.Add($"DefaultThreshold: {threshold} needs a DefaultMethod; the automatic choice uses each method's own threshold.");
        }
        else if (defaultMethod is not null && options.DefaultThreshold is { } chosen && defaultMethod.ThresholdError(chosen) is { } thresholdError)
        {
            errors.Add($"DefaultThreshold: {thresholdError}.");
        }

        foreach (var (feature, choice) in options.Methods)
        {
            if (choice?.Method is null || !catalog.TryGet(choice.Method, out var method))
            {
                errors.Add($"Feature '{feature}': unknown drift method '{choice?.Method}'; allowed: {catalog.Names}.");
            }
            else if (method.ThresholdError(choice.Threshold) is { } error)
            {
                errors.Add($"Feature '{feature}': {error}.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid drift options: " + string.Join(" ", errors), nameof(options));
        }

        _driftShare = options.DriftShare;
        _rule = options.Rule;
        _defaultMethod = defaultMethod;
        _defaultThreshold = options.DefaultThreshold ?? defaultMethod?.DefaultThreshold ?? 0;
        _methods = new Dictionary<string, FeatureDriftMethod>(options.Methods, StringComparer.Ordinal);
        _catalog = catalog;
    }

    private DatasetDriftDetector(DatasetDriftDetector source, Func<string, bool> features)
    {
        _driftShare = source._driftShare;
        _rule = source._rule;
        _defaultMethod = source._defaultMethod;
        _defaultThreshold = source._defaultThreshold;
        _methods = source._methods.Where(m => features(m.Key)).ToDictionary(StringComparer.Ordinal);
        _catalog = source._catalog;
    }

    /// <summary>Returns a detector with the same settings whose per-feature methods are only those of the features <paramref name="features"/> keeps.</summary>
    internal DatasetDriftDetector Only(Func<string, bool> features) => new(this, features);

    /// <summary>Checks a current dataset, given column by column, against the reference.</summary>
    /// <param name="reference">The reference profile.</param>
    /// <param name="numericColumns">Current numeric columns by feature name; every reference numeric feature must be present.</param>
    /// <param name="categoricalColumns">
    /// Current categorical columns by feature name; every reference categorical feature must be
    /// present. The default value is <see langword="null"/>, for none.
    /// </param>
    /// <returns>
    /// The per-feature results and the dataset verdict. Missing values (NaN, null categories) are left out of each
    /// feature's comparison and counted in <see cref="FeatureDriftResult.MissingCount"/>; a feature whose current
    /// values are all missing is left out of the result.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// A reference feature has no current column or an empty one, a value is infinite, a
    /// per-feature method names a feature the reference lacks, or does not apply to the feature's kind.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The Z-test was chosen for a feature that does not have exactly two categories, or another
    /// method refused the feature's values; the message names the feature.
    /// </exception>
    public DatasetDriftResult Detect(
        ReferenceProfile reference,
        IReadOnlyDictionary<string, double[]> numericColumns,
        IReadOnlyDictionary<string, string[]>? categoricalColumns = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(numericColumns);
        categoricalColumns ??= new Dictionary<string, string[]>();
        CheckOverrides(reference);
        var small = reference.RowCount <= DriftConstants.SmallReferenceRows;
        var results = new List<FeatureDriftResult>(reference.NumericFeatures.Count + reference.CategoricalFeatures.Count);
        foreach (var profile in reference.NumericFeatures)
        {
            // A missing value (NaN) is left out and counted; a feature with no value left is not checked.
            var current = MissingValues.Present(Column(numericColumns, profile.Name, nameof(numericColumns)), out var missing);
            if (current.Length == 0)
            {
                continue;
            }

            var choice = _methods.GetValueOrDefault(profile.Name) ?? Default(FeatureKind.Numeric) ?? (small
                ? new FeatureDriftMethod(DriftMethods.KolmogorovSmirnov, DriftConstants.PValueThreshold)
                : new FeatureDriftMethod(DriftMethods.Wasserstein, DriftConstants.DistanceThreshold));
            var method = Method(choice);
            var outcome = Measure(profile.Name, () => method.MeasureNumeric(profile, current));
            results.Add(Verdict(profile.Name, FeatureKind.Numeric, method, choice, outcome) with { MissingCount = missing });
        }

        foreach (var profile in reference.CategoricalFeatures)
        {
            var present = MissingValues.Present(Column(categoricalColumns, profile.Name, nameof(categoricalColumns)), out var missing);
            if (present.Length == 0)
            {
                continue;
            }

            var (referenceCounts, currentCounts) = profile.Align(present);
            var choice = _methods.GetValueOrDefault(profile.Name) ?? Default(FeatureKind.Categorical) ?? (!small
                ? new FeatureDriftMethod(DriftMethods.JensenShannon, DriftConstants.DistanceThreshold)
                : referenceCounts.Length == 2
                    ? new FeatureDriftMethod(DriftMethods.ZTest, DriftConstants.PValueThreshold)
                    : new FeatureDriftMethod(DriftMethods.ChiSquare, DriftConstants.PValueThreshold));
            var method = Method(choice);
            var outcome = Measure(profile.Name, () => method.MeasureCategorical(referenceCounts, currentCounts));
            results.Add(Verdict(profile.Name, FeatureKind.Categorical, method, choice, outcome) with { MissingCount = missing });
        }

        return new DatasetDriftResult(results, _driftShare, _rule);
    }

    // A method's refusal of the values names the feature, which the method itself does not know.
    private static DriftMeasurement Measure(string feature, Func<DriftMeasurement> measure)
    {
        try
        {
            return measure();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Feature '{feature}': {e.Message}", e);
        }
    }

    private static FeatureDriftResult Verdict(string feature, FeatureKind kind, DriftMethod method, FeatureDriftMethod choice, DriftMeasurement outcome)
    {
        var (statistic, pValue) = outcome;
        bool drifted;
        double score;
        if (method.HasPValue)
        {
            // A NaN p-value (constant samples with equal means in the t-test) is no evidence of drift.
            var p = pValue ?? double.NaN;
            drifted = p < choice.Threshold;
            score = double.IsNaN(p) ? 0 : Math.Log(Math.Max(p, double.Epsilon)) / Math.Log(choice.Threshold);
        }
        else if (method.HigherStatisticMeansDrift)
        {
            drifted = statistic >= choice.Threshold;
            score = statistic / choice.Threshold;
        }
        else
        {
            drifted = statistic <= choice.Threshold;
            score = choice.Threshold / statistic;
        }

        return new FeatureDriftResult(feature, kind, method.Name, statistic, pValue, choice.Threshold, drifted, Math.Clamp(score, 0, 1))
        {
            Details = outcome.Details ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty,
        };
    }

    // The configured default method, for the kinds it applies to; otherwise the automatic choice.
    private FeatureDriftMethod? Default(FeatureKind kind) =>
        _defaultMethod is { } method && method.AppliesTo(kind) ? new FeatureDriftMethod(method.Name, _defaultThreshold) : null;

    // Names come from validated options or the built-in automatic choice, so the lookup cannot fail.
    private DriftMethod Method(FeatureDriftMethod choice) =>
        _catalog.TryGet(choice.Method, out var method) ? method : throw new UnreachableException($"Drift method '{choice.Method}' is not in the catalog.");

    private static T[] Column<T>(IReadOnlyDictionary<string, T[]> columns, string feature, string paramName)
    {
        if (!columns.TryGetValue(feature, out var column) || column is null || column.Length == 0)
        {
            throw new ArgumentException($"Feature '{feature}' has no current values.", paramName);
        }

        return column;
    }

    private void CheckOverrides(ReferenceProfile reference)
    {
        foreach (var (feature, choice) in _methods)
        {
            var kind = reference.TryGetNumeric(feature, out _) ? FeatureKind.Numeric
                : reference.TryGetCategorical(feature, out _) ? FeatureKind.Categorical
                : throw new ArgumentException($"Feature '{feature}' has a drift method but is not in the reference profile.", nameof(reference));
            var method = Method(choice);
            if (!method.AppliesTo(kind))
            {
                throw new ArgumentException(
                    $"Feature '{feature}': '{method.Name}' does not apply to a {kind.ToString().ToLowerInvariant()} feature; allowed: {_catalog.NamesFor(kind)}.",
                    nameof(reference));
            }
        }
    }
}
