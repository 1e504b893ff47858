using ModelMonitoring.Performance;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Tests.Performance;

public class WindowPerformanceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static LabelledPrediction Row(string predicted, string actual, string? segment = null, double? confidence = null) =>
        new() { Timestamp = Start, PredictedClass = predicted, ActualClass = actual, Segment = segment, Confidence = confidence };

    private static List<RealizedPerformance> Compute(IReadOnlyList<LabelledPrediction> rows, int maxSegments = 20, int maxClasses = 100) =>
        WindowPerformance.Compute(rows, Start, Start.AddMinutes(1), Start.AddHours(1), maxSegments, maxClasses);

    [Fact]
    public void Segments_BeyondTheCap_AreGroupedAsOther_ByLabelCountThenName()
    {
        var rows = new[]
        {
            Row("a", "a", "small-2"), Row("a", "b", "small-1"),
            Row("a", "a", "big"), Row("a", "a", "big"), Row("a", "b", "big"),
            Row("a", "a", "mid"), Row("a", "b", "mid"),
            Row("a", "a"),
        };

        var result = Compute(rows, maxSegments: 2);

        result.Select(r => (r.Segment, r.LabelCount)).ShouldBe([("", 8L), (RecordingLimits.OtherValue, 2L), ("big", 3L), ("mid", 2L)]);
        result[0].Metrics[RealizedMetricNames.Accuracy].ShouldBe(5.0 / 8);
        result[1].Metrics[RealizedMetricNames.Accuracy].ShouldBe(0.5);
        result[2].Metrics[RealizedMetricNames.Accuracy].ShouldBe(2.0 / 3);
        result.ShouldAllBe(r => r.WindowStart == Start && r.WindowEnd == Start.AddMinutes(1) && r.ComputedAt == Start.AddHours(1));
    }

    [Fact]
    public void NoSegments_KeepsOnlyTheValuesOverAllPredictions()
    {
        var result = Compute([Row("a", "a", "x"), Row("b", "a", "y")], maxSegments: 0);

        result.ShouldHaveSingleItem().Segment.ShouldBe(string.Empty);
    }

    [Fact]
    public void Confidence_IsTheProbabilityOfThePredictedClass_SoTheOtherClassScoresOneMinusIt()
    {
        // Positive class "yes" (the greater in ordinal order): scores 0.9, 1 - 0.8 = 0.2, 0.6, 1 - 0.7 = 0.3.
        var rows = new[] { Row("yes", "yes", confidence: 0.9), Row("no", "no", confidence: 0.8), Row("yes", "no", confidence: 0.6), Row("no", "yes", confidence: 0.7) };
        var expected = PerformanceCalculator.Classify(["yes", "no", "no", "yes"], ["yes", "no", "yes", "no"], [0.9, 0.2, 0.6, 0.3]);

        var metrics = Compute(rows).ShouldHaveSingleItem().Metrics;

        metrics[RealizedMetricNames.RocAuc].ShouldBe(0.75);
        metrics[RealizedMetricNames.RocAuc].ShouldBe(expected.RocAuc.ShouldNotBeNull());
        metrics[RealizedMetricNames.LogLoss].ShouldBe(expected.LogLoss.ShouldNotBeNull(), 1e-12);
        metrics[RealizedMetricNames.Confusion("yes", "no")].ShouldBe(1);
        metrics[RealizedMetricNames.Support("yes")].ShouldBe(2);
    }

    [Fact]
    public void AMissingConfidence_LeavesOutRocAucAndLogLoss()
    {
        var metrics = Compute([Row("a", "a", confidence: 0.9), Row("b", "a")]).ShouldHaveSingleItem().Metrics;

        metrics.Keys.ShouldNotContain(RealizedMetricNames.RocAuc);
        metrics.Keys.ShouldNotContain(RealizedMetricNames.LogLoss);
        metrics[RealizedMetricNames.Precision("a")].ShouldBe(1.0);
        metrics[RealizedMetricNames.Accuracy].ShouldBe(0.5);
    }

    [Fact]
    public void MoreClassesThanTheCap_GiveOnlyAccuracy()
    {
        var metrics = Compute([Row("a", "a", confidence: 0.9), Row("b", "a", confidence: 0.8), Row("c", "c", confidence: 0.7)], maxClasses: 2).ShouldHaveSingleItem().Metrics;

        metrics.ShouldBe(new Dictionary<string, double> { [RealizedMetricNames.Accuracy] = 2.0 / 3 });
    }

    [Fact]
    public void Regression_GivesErrorMetrics_FromPredictedAndTrueValues()
    {
        var rows = new[]
        {
            new LabelledPrediction { Timestamp = Start, PredictedValue = 2, ActualValue = 1 },
            new LabelledPrediction { Timestamp = Start, PredictedValue = 2, ActualValue = 4 },
        };

        var metrics = Compute(rows).ShouldHaveSingleItem().Metrics;

        metrics[RealizedMetricNames.MeanAbsoluteError].ShouldBe(1.5);
        metrics[RealizedMetricNames.RootMeanSquaredError].ShouldBe(Math.Sqrt(2.5));
        metrics[RealizedMetricNames.MeanAbsolutePercentageError].ShouldBe(0.75);
        metrics[RealizedMetricNames.R2].ShouldBe(1 - (5.0 / 4.5));
        metrics.Keys.ShouldNotContain(RealizedMetricNames.Accuracy);
    }

    [Fact]
    public void DeclaredClassesWithProbabilities_GiveRocAucAndLogLoss_FromTheProbabilities()
    {
        string[] classes = ["dog", "cat", "bird"];
        var random = new Random(4);
        var rows = Enumerable.Range(0, 300).Select(i =>
        {
            var p = new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() };
            var sum = p.Sum();
            p = [.. p.Select(v => v / sum)];
            var actual = classes[random.Next(3)];
            return new LabelledPrediction { Timestamp = Start, PredictedClass = classes[Array.IndexOf(p, p.Max())], Confidence = p.Max(), ClassProbabilities = p, ActualClass = actual, Segment = i % 2 == 0 ? "even" : "odd" };
        }).ToArray();

        var result = WindowPerformance.Compute(rows, Start, Start.AddMinutes(1), Start.AddHours(1), 20, 100, classes);

        var expected = PerformanceCalculator.FromClassProbabilities([.. rows.Select(r => r.ActualClass!)], classes, [.. rows.Select(r => r.ClassProbabilities)]);
        result[0].Metrics[RealizedMetricNames.RocAuc].ShouldBe(expected.RocAuc!.Value);
        result[0].Metrics[RealizedMetricNames.LogLoss].ShouldBe(expected.LogLoss);
        result.Single(r => r.Segment == "odd").Metrics.Keys.ShouldContain(RealizedMetricNames.RocAuc);

        // Without the declared classes, or with a prediction lacking probabilities, or with a label that is not a
        // declared class, a three-class window has neither.
        Compute(rows)[0].Metrics.Keys.ShouldNotContain(RealizedMetricNames.RocAuc);
        var partial = rows.Select((r, i) => i == 7 ? r with { ClassProbabilities = default } : r).ToArray();
        WindowPerformance.Compute(partial, Start, Start.AddMinutes(1), Start.AddHours(1), 0, 100, classes)[0].Metrics.Keys.ShouldNotContain(RealizedMetricNames.LogLoss);
        var undeclared = rows.Select((r, i) => i == 7 ? r with { ActualClass = "fish" } : r).ToArray();
        WindowPerformance.Compute(undeclared, Start, Start.AddMinutes(1), Start.AddHours(1), 0, 100, classes)[0].Metrics.Keys.ShouldNotContain(RealizedMetricNames.RocAuc);
    }

    [Fact]
    public void TwoDeclaredClasses_ProbabilitiesStandInForMissingConfidences()
    {
        string[] classes = ["yes", "no"];
        var random = new Random(5);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            var pNo = random.NextDouble();
            var predicted = pNo >= 0.5 ? "no" : "yes";
            return new LabelledPrediction { Timestamp = Start, PredictedClass = predicted, Confidence = Math.Max(pNo, 1 - pNo), ClassProbabilities = new[] { 1 - pNo, pNo }, ActualClass = random.NextDouble() < pNo ? "no" : "yes" };
        }).ToArray();

        var withConfidences = Compute(rows)[0].Metrics;
        var fromProbabilities = WindowPerformance.Compute([.. rows.Select(r => r with { Confidence = null })], Start, Start.AddMinutes(1), Start.AddHours(1), 0, 100, classes)[0].Metrics;

        // The positive class is the greater in ordinal order ('yes'), whatever the declared order.
        fromProbabilities[RealizedMetricNames.RocAuc].ShouldBe(withConfidences[RealizedMetricNames.RocAuc], 1e-12);
        fromProbabilities[RealizedMetricNames.LogLoss].ShouldBe(withConfidences[RealizedMetricNames.LogLoss], 1e-12);
        Compute([.. rows.Select(r => r with { Confidence = null })])[0].Metrics.Keys.ShouldNotContain(RealizedMetricNames.RocAuc);
    }
}
