using ModelMonitoring.Drift;

namespace ModelMonitoring.Extensibility.Tests;

/// <summary>
/// A third-party drift method written against the public API only, in this one file: the share of
/// probability mass the reference and current distributions have in common, over the reference's
/// histogram bins or the categories. Lower means more drift, unlike the built-in distances.
/// </summary>
public sealed class OverlapMethod : DriftMethod
{
    public const string MethodName = "overlap";

    public override string Name => MethodName;

    public override string Description => "Share of probability mass in common (1 - total variation distance)";

    public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric, FeatureKind.Categorical];

    public override bool HasPValue => false;

    public override bool HigherStatisticMeansDrift => false;

    public override double DefaultThreshold => 0.8;

    public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var counts = new long[reference.Histogram.BinCount];
        reference.Histogram.Count(current, counts);
        return MeasureCategorical(reference.Histogram.ReferenceCounts, counts);
    }

    public override DriftMeasurement MeasureCategorical(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        double referenceTotal = 0, currentTotal = 0, common = 0;
        foreach (var count in reference)
        {
            referenceTotal += count;
        }

        foreach (var count in current)
        {
            currentTotal += count;
        }

        for (var i = 0; i < reference.Length; i++)
        {
            common += Math.Min(reference[i] / referenceTotal, current[i] / currentTotal);
        }

        return new DriftMeasurement(common, PValue: null);
    }
}
