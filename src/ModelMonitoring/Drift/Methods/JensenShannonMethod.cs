using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.JensenShannon"/> distance.</summary>
internal sealed class JensenShannonMethod : DriftMethod
{
    public override string Name => DriftMethods.JensenShannon;

    public override string Description => "Jensen-Shannon distance, base 2, over the reference's bins or the categories";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric, FeatureKind.Categorical];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.DistanceThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        BinnedDistances.JensenShannon(reference.Histogram, current).ToMeasurement();
    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        BinnedDistances.JensenShannon(reference, current).ToMeasurement();
}
