using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.Wasserstein"/> distance.</summary>
internal sealed class WassersteinMethod : DriftMethod
{
    public override string Name => DriftMethods.Wasserstein;

    public override string Description => "Wasserstein distance, normed: divided by the reference's standard deviation (np.std, at least 0.001)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.DistanceThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        DistributionDistances.NormedWasserstein(reference.Sample, current).ToMeasurement();
}
