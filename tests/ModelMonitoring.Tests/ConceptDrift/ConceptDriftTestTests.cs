using ModelMonitoring.Alerting;
using ModelMonitoring.ConceptDrift;

namespace ModelMonitoring.Tests.ConceptDrift;

public class ConceptDriftTestTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Storage.ConceptDriftCheck Run(double[] reference, double[] current, bool higherIsBetter = true, ConceptDriftOptions? options = null) =>
        ConceptDriftTest.Run("m", "realized.accuracy", higherIsBetter, new(Start, Start.AddHours(1), reference), new(Start.AddHours(1), Start.AddHours(2), current), options ?? new ConceptDriftOptions(), Start.AddHours(2));

    [Fact]
    public void ALargeSignificantDegradation_IsCritical()
    {
        var check = Run([0.90, 0.91, 0.92, 0.90, 0.91, 0.92], [0.60, 0.62, 0.61, 0.60]);

        check.Drifted.ShouldBeTrue();
        check.DegradationPercent.ShouldBeGreaterThan(20);
        check.PValue.ShouldBeLessThan(0.01);
        check.Severity.ShouldBe(AlertSeverity.Critical);
    }

    [Fact]
    public void ASignificantDegradationBelowTheCriticalOne_IsAWarning()
    {
        var check = Run([0.90, 0.91, 0.92, 0.90, 0.91, 0.92], [0.80, 0.81, 0.82, 0.80]);

        check.Drifted.ShouldBeTrue();
        check.Severity.ShouldBe(AlertSeverity.Warning);
    }

    [Fact]
    public void AnImprovementOfTheSameSize_IsNeverDrift()
    {
        var check = Run([0.60, 0.62, 0.61, 0.60], [0.90, 0.91, 0.92, 0.90]);

        check.Drifted.ShouldBeFalse();
        check.Severity.ShouldBeNull();
        check.DegradationPercent.ShouldBeLessThan(0);
        check.PValue.ShouldBeGreaterThan(0.99);
    }

    [Fact]
    public void ASignificantDegradationBelowTheMinimum_IsNotDrift()
    {
        var check = Run([0.900, 0.901, 0.900, 0.901, 0.900, 0.901], [0.880, 0.881, 0.880, 0.881], options: new ConceptDriftOptions { MinDegradationPercent = 5 });

        check.PValue.ShouldBeLessThan(0.05);
        check.DegradationPercent.ShouldBeLessThan(5);
        check.Drifted.ShouldBeFalse();
    }

    [Fact]
    public void ForAMetricBetterLower_ARiseIsTheDegradation()
    {
        var check = Run([1.0, 1.1, 0.9, 1.0], [2.0, 2.1, 1.9, 2.0], higherIsBetter: false);

        check.DegradationPercent.ShouldBe(100, 1e-9);
        check.TStatistic.ShouldBeLessThan(0);
        check.Drifted.ShouldBeTrue();
    }

    [Fact]
    public void ConstantEqualPeriods_GiveNaN_AndNoDrift_WhileConstantDifferentOnesDrift()
    {
        var equal = Run([1.0, 1.0, 1.0], [1.0, 1.0, 1.0]);
        var different = Run([1.0, 1.0, 1.0], [0.5, 0.5, 0.5]);

        double.IsNaN(equal.PValue).ShouldBeTrue();
        equal.Drifted.ShouldBeFalse();
        different.PValue.ShouldBe(0);
        different.Drifted.ShouldBeTrue();
    }

    [Fact]
    public void AZeroReferenceMean_GivesAnInfiniteDegradationWhenWorse()
    {
        ConceptDriftTest.DegradationPercent(0, 0.5, higherIsBetter: false).ShouldBe(double.PositiveInfinity);
        ConceptDriftTest.DegradationPercent(0, 0, higherIsBetter: false).ShouldBe(0);
        ConceptDriftTest.DegradationPercent(-0.2, -0.5, higherIsBetter: true).ShouldBe(150, 1e-9);
    }

    [Theory]
    [InlineData("realized.accuracy", true)]
    [InlineData("realized.f1[fraud]", true)]
    [InlineData("realized.r2", true)]
    [InlineData("realized.mae", false)]
    [InlineData("realized.log_loss", false)]
    [InlineData("realized.support[fraud]", null)]
    [InlineData("realized.f1[]", null)]
    [InlineData("accuracy", null)]
    public void Direction_IsKnownPerMetric(string metric, bool? higherIsBetter) =>
        RealizedMetricDirection.Of(metric).ShouldBe(higherIsBetter);
}
