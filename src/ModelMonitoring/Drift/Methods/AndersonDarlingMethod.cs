using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.AndersonDarling"/> test.</summary>
internal sealed class AndersonDarlingMethod : DriftMethod
{
    public override string Name => DriftMethods.AndersonDarling;

    public override string Description => "Anderson-Darling k-sample test (scipy.stats.anderson_ksamp)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

    public override bool HasPValue => true;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.PValueThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        TwoSampleTests.AndersonDarling(reference.Sample, current).ToMeasurement();
}
