using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.ZTest"/> test.</summary>
internal sealed class ZTestMethod : DriftMethod
{
    public override string Name => DriftMethods.ZTest;

    public override string Description => "Two-proportion Z-test; exactly two categories in reference and current together";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Categorical];

    public override bool HasPValue => true;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.PValueThreshold;

    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) => reference.Length == 2
        ? ParametricTests.ProportionsZTest(reference[0], reference[0] + reference[1], current[0], current[0] + current[1]).ToMeasurement()
        : throw new InvalidOperationException(
            $"the Z-test needs exactly two categories in reference and current together, found {reference.Length}.");
}
