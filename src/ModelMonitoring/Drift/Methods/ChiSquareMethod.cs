using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.ChiSquare"/> test.</summary>
internal sealed class ChiSquareMethod : DriftMethod
{
    public override string Name => DriftMethods.ChiSquare;

    public override string Description => "Pearson's chi-square test of homogeneity (scipy.stats.chi2_contingency, no correction)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Categorical];

    public override bool HasPValue => true;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.PValueThreshold;

    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        CategoricalTests.ChiSquare(reference, current).ToMeasurement();
}
