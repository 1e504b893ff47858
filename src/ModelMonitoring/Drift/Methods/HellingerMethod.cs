using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.Hellinger"/> distance.</summary>
internal sealed class HellingerMethod : DriftMethod
{
    public override string Name => DriftMethods.Hellinger;

    public override string Description => "Hellinger distance, in [0, 1], over the reference's bins or the categories";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric, FeatureKind.Categorical];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.DistanceThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        BinnedDistances.Hellinger(reference.Histogram, current).ToMeasurement();
    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        BinnedDistances.Hellinger(reference, current).ToMeasurement();
}
