using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.CramerVonMises"/> test.</summary>
internal sealed class CramerVonMisesMethod : DriftMethod
{
    public override string Name => DriftMethods.CramerVonMises;

    public override string Description => "Two-sample Cramér-von Mises test (scipy.stats.cramervonmises_2samp)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

    public override bool HasPValue => true;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.PValueThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        TwoSampleTests.CramerVonMises(reference.Sample, current).ToMeasurement();
}
