using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.Energy"/> distance.</summary>
internal sealed class EnergyMethod : DriftMethod
{
    public override string Name => DriftMethods.Energy;

    public override string Description => "Energy distance between the samples, in the data's units (scipy.stats.energy_distance)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.DistanceThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        DistributionDistances.EnergyDistance(reference.Sample, current).ToMeasurement();
}
