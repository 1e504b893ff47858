using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.KullbackLeibler"/> distance.</summary>
internal sealed class KullbackLeiblerMethod : DriftMethod
{
    public override string Name => DriftMethods.KullbackLeibler;

    public override string Description => "Kullback-Leibler divergence of the reference from the current distribution, in nats";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric, FeatureKind.Categorical];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.DistanceThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        BinnedDistances.KullbackLeibler(reference.Histogram, current).ToMeasurement();
    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        BinnedDistances.KullbackLeibler(reference, current).ToMeasurement();
}
