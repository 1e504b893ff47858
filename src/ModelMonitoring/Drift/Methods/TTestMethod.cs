using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.TTest"/> test.</summary>
internal sealed class TTestMethod : DriftMethod
{
    public override string Name => DriftMethods.TTest;

    public override string Description => "Welch's t-test of the means (scipy.stats.ttest_ind, equal_var=False)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

    public override bool HasPValue => true;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.PValueThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        ParametricTests.WelchTTest(reference.Sample, current).ToMeasurement();
}
