using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>
/// The built-in <see cref="DriftMethods.Combined"/> verdict: the first seed's several tests at once, each
/// computed by the same SciPy-checked implementation as its own method, combined as the seed does.
/// </summary>
/// <remarks>
/// The statistic is the largest component ratio: ln p / ln 0.05 for the test (KS or chi-square),
/// Jensen-Shannon / 0.1 and, for numeric features, |relative mean change| / 0.2. Each ratio is 1 exactly
/// at its component's threshold, so drift at a statistic of 1 is the seed's rule, and a threshold t
/// scales every component at once (p ≤ 0.05^t, distance ≥ 0.1·t, mean change ≥ 0.2·t). The seed compared
/// strictly (p &lt; 0.05, change &gt; 0.2); the two differ only at exact equality. Mann-Whitney U and the
/// change of the standard deviation are reported, not decisive, as in the seed. A relative change is
/// undefined for a reference mean (or standard deviation) of zero: it is then left out of the details,
/// and the verdict rests on the tests.
/// </remarks>
internal sealed class CombinedMethod : DriftMethod
{
    private static readonly double LogPValueThreshold = Math.Log(DriftConstants.PValueThreshold);

    public override string Name => DriftMethods.Combined;

    public override string Description =>
        "The first seed's combined verdict: the largest of ln p(KS) / ln 0.05, Jensen-Shannon / 0.1 and |relative mean change| / 0.2 "
        + "(categorical: chi-square and Jensen-Shannon); Mann-Whitney U and the change of the standard deviation reported beside them";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric, FeatureKind.Categorical];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.CombinedThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current)
    {
        var sorted = SortedSample.Create(current);
        var ks = TwoSampleTests.KolmogorovSmirnov(reference.Sample, sorted);
        var mannWhitney = TwoSampleTests.MannWhitneyU(reference.Sample, sorted);
        var jensenShannon = BinnedDistances.JensenShannon(reference.Histogram, current).Statistic;
        var meanChange = RelativeChange(reference.Mean, sorted.Mean);
        var deviationChange = RelativeChange(reference.StandardDeviation, Math.Sqrt(sorted.Variance));
        var details = new Dictionary<string, double>(StringComparer.Ordinal);
        Add(details, "ks_statistic", ks.Statistic);
        Add(details, "ks_pvalue", ks.PValue);
        Add(details, "mannwhitney_statistic", mannWhitney.Statistic);
        Add(details, "mannwhitney_pvalue", mannWhitney.PValue);
        Add(details, "jensenshannon", jensenShannon);
        Add(details, "mean_change", meanChange);
        Add(details, "std_change", deviationChange);
        var meanRatio = double.IsFinite(meanChange) ? Math.Abs(meanChange) / DriftConstants.CombinedMeanChange : 0;
        var statistic = Math.Max(PValueRatio(ks.PValue), Math.Max(jensenShannon / DriftConstants.DistanceThreshold, meanRatio));
        return new DriftMeasurement(statistic, PValue: null) { Details = details };
    }

    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var chiSquare = CategoricalTests.ChiSquare(reference, current);
        var jensenShannon = BinnedDistances.JensenShannon(reference, current).Statistic;
        var details = new Dictionary<string, double>(StringComparer.Ordinal);
        Add(details, "chisquare_statistic", chiSquare.Statistic);
        Add(details, "chisquare_pvalue", chiSquare.PValue);
        Add(details, "jensenshannon", jensenShannon);
        var statistic = Math.Max(PValueRatio(chiSquare.PValue), jensenShannon / DriftConstants.DistanceThreshold);
        return new DriftMeasurement(statistic, PValue: null) { Details = details };
    }

    // 1 at p = 0.05, above it for smaller p; a test that cannot tell (NaN) counts as no evidence, as in the detector.
    private static double PValueRatio(double? pValue) =>
        pValue is { } p && !double.IsNaN(p) ? Math.Log(Math.Max(p, double.Epsilon)) / LogPValueThreshold : 0;

    private static double RelativeChange(double reference, double current) =>
        reference == 0 || !double.IsFinite(reference) ? double.NaN : (current - reference) / Math.Abs(reference);

    private static void Add(Dictionary<string, double> details, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            details[name] = v;
        }
    }
}
