using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.PopulationStabilityIndex"/> distance.</summary>
internal sealed class PopulationStabilityIndexMethod : DriftMethod
{
    public override string Name => DriftMethods.PopulationStabilityIndex;

    public override string Description => "Population stability index over the reference's bins or the categories";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric, FeatureKind.Categorical];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.DistanceThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        BinnedDistances.PopulationStabilityIndex(reference.Histogram, current).ToMeasurement();
    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        BinnedDistances.PopulationStabilityIndex(reference, current).ToMeasurement();
}
