using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>The built-in <see cref="DriftMethods.KolmogorovSmirnov"/> test.</summary>
internal sealed class KolmogorovSmirnovMethod : DriftMethod
{
    public override string Name => DriftMethods.KolmogorovSmirnov;

    public override string Description => "Two-sample Kolmogorov-Smirnov test: the largest gap between the empirical CDFs (scipy.stats.ks_2samp)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

    public override bool HasPValue => true;

    public override bool HigherStatisticMeansDrift => true;

    public override double DefaultThreshold => DriftConstants.PValueThreshold;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) =>
        TwoSampleTests.KolmogorovSmirnov(reference.Sample, current).ToMeasurement();
}
