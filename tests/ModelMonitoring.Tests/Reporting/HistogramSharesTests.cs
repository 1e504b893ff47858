using ModelMonitoring.Reporting.Internal;

namespace ModelMonitoring.Tests.Reporting;

/// <summary>The binning the HTML report and the dashboard share: equal-width bins, the ends taking what lies outside.</summary>
public sealed class HistogramSharesTests
{
    [Fact]
    public void Values_AreCountedInTheirBins_AsShares_WithTheMaximumInTheLastBin()
    {
        HistogramShares.Of([0, 0.5, 1, 2.5, 3.99, 4], min: 0, span: 4, bins: 4).ShouldBe([2 / 6.0, 1 / 6.0, 1 / 6.0, 2 / 6.0]);
    }

    [Fact]
    public void ValuesOutsideTheRange_FallInTheEndBins_AndNoValues_GiveZeroShares()
    {
        HistogramShares.Of([-10, 10], min: 0, span: 1, bins: 2).ShouldBe([0.5, 0.5]);
        HistogramShares.Of([], min: 0, span: 1, bins: 3).ShouldBe([0.0, 0, 0]);
    }
}
