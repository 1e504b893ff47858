using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.MannWhitney"/> test.</summary>
internal sealed class MannWhitneyMethod : DriftMethod
{
    public override string Name => DriftMethods.MannWhitney;

    public override string Description => "Mann-Whitney U test of ranks (scipy.stats.mannwhitneyu)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

    public override bool HasPValue => true;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.PValueThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        TwoSampleTests.MannWhitneyU(reference.Sample, current).ToMeasurement();
}
