using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class DriftAlertEvaluatorTests
{
    private static readonly ModelSchema Model = new("fraud", "3", "prod", ["amount", "age"], ["country"]);
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.049, AlertSeverity.Warning)]
    [InlineData(0.01, AlertSeverity.Warning)]
    [InlineData(0.0099, AlertSeverity.Critical)]
    public void TestSeverity_IsCriticalBelowOnePercent(double pValue, AlertSeverity expected) =>
        DriftAlertEvaluator.SeverityOf(new FeatureDriftResult("x", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.2, pValue, 0.05, true, 1)).ShouldBe(expected);

    [Theory]
    [InlineData(0.1, AlertSeverity.Warning)]
    [InlineData(0.199, AlertSeverity.Warning)]
    [InlineData(0.2, AlertSeverity.Critical)]
    [InlineData(3.5, AlertSeverity.Critical)]
    public void DistanceSeverity_IsCriticalAtTwiceTheThreshold(double distance, AlertSeverity expected) =>
        DriftAlertEvaluator.SeverityOf(new FeatureDriftResult("x", FeatureKind.Numeric, DriftMethods.Wasserstein, distance, null, 0.1, true, 1)).ShouldBe(expected);

    [Fact]
    public void LastingDrift_FiresOnce_ResolvesOnce_AndNamesFeaturesMethodsStatisticsAndPValues()
    {
        var evaluator = new DriftAlertEvaluator(Model);
        var drifted = Result(
            new("amount", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.31, 1.5e-9, 0.05, true, 1),
            new("age", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.02, 0.7, 0.05, false, 0.1),
            new("country", FeatureKind.Categorical, DriftMethods.JensenShannon, 0.15, null, 0.1, true, 1));
        var alerts = new List<Alert>();

        evaluator.Evaluate([new("DatasetDriftDetector", drifted)], At, alerts);
        evaluator.Evaluate([new("DatasetDriftDetector", drifted)], At.AddMinutes(5), alerts);

        // Drift is reported when it starts; a feature without drift is reported clear at every check.
        alerts.Select(a => (a.Name, a.State, a.Severity)).ShouldBe([
            ("drift.dataset", AlertState.Firing, AlertSeverity.Critical),
            ("drift.amount", AlertState.Firing, AlertSeverity.Critical),
            ("drift.age", AlertState.Resolved, AlertSeverity.Warning),
            ("drift.country", AlertState.Firing, AlertSeverity.Warning),
            ("drift.age", AlertState.Resolved, AlertSeverity.Warning)]);
        alerts.RemoveAll(a => a.State == AlertState.Resolved);
        alerts[0].Message.ShouldBe("fraud: dataset drift, 2 of 3 features drifted (66.7%), score 0.70, recommendation Critical: "
            + "amount ks statistic 0.31, p = 1.5E-09 (drift below 0.05); country jensenshannon 0.15 (drift at 0.1 or more).");
        alerts[1].Message.ShouldBe("fraud: feature 'amount' drifted: amount ks statistic 0.31, p = 1.5E-09 (drift below 0.05).");
        alerts[2].ShouldSatisfyAllConditions(
            a => a.Metric.ShouldBe("drift.country"),
            a => a.Value.ShouldBe(0.15),
            a => a.Threshold.ShouldBe(0.1),
            a => a.Version.ShouldBe("3"),
            a => a.Environment.ShouldBe("prod"),
            a => a.Timestamp.ShouldBe(At));

        alerts.Clear();
        var calm = Result(
            new("amount", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.02, 0.4, 0.05, false, 0.3),
            new("age", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.02, 0.7, 0.05, false, 0.1),
            new("country", FeatureKind.Categorical, DriftMethods.JensenShannon, 0.15, null, 0.1, true, 1));
        evaluator.Evaluate([new("DatasetDriftDetector", calm)], At.AddMinutes(10), alerts);

        alerts.Select(a => (a.Name, a.State, a.Severity)).ShouldBe([
            ("drift.dataset", AlertState.Resolved, AlertSeverity.Critical),
            ("drift.amount", AlertState.Resolved, AlertSeverity.Critical),
            ("drift.age", AlertState.Resolved, AlertSeverity.Warning)]);
        alerts[1].Message.ShouldBe("fraud: feature 'amount' no longer drifts: amount ks statistic 0.02, p = 0.4 (drift below 0.05).");
    }

    [Fact]
    public void FeatureThatIsNoLongerReported_Resolves()
    {
        var evaluator = new DriftAlertEvaluator(Model);
        var alerts = new List<Alert>();
        evaluator.Evaluate([new("d", Result(new FeatureDriftResult("country", FeatureKind.Categorical, DriftMethods.ChiSquare, 9, 0.001, 0.05, true, 1)))], At, alerts);

        evaluator.Evaluate([new("d", Result(new FeatureDriftResult("amount", FeatureKind.Numeric, DriftMethods.Wasserstein, 0.01, null, 0.1, false, 0.1)))], At, alerts);

        alerts.Where(a => a.Name == "drift.country").Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
    }

    [Fact]
    public void ScoreOrShareRule_TheDatasetAlertShowsTheConditionThatDecided_NotTheDriftShareThreshold()
    {
        static FeatureDriftResult Feature(string name, bool drifted, double score) =>
            new(name, FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.2, drifted ? 0.001 : 0.2, 0.05, drifted, score);
        var byScore = new DatasetDriftResult([Feature("a", true, 1), Feature("b", false, 0.6), Feature("c", false, 0.6), Feature("d", false, 0.6)], 0.9, DatasetDriftRule.ScoreOrShare);
        var byShare = new DatasetDriftResult([Feature("a", true, 1), Feature("b", true, 1), Feature("c", false, 0), Feature("d", false, 0)], 0.9, DatasetDriftRule.ScoreOrShare);
        var scoreAlerts = new List<Alert>();
        var shareAlerts = new List<Alert>();

        new DriftAlertEvaluator(Model).Evaluate([new("DatasetDriftDetector", byScore)], At, scoreAlerts);
        new DriftAlertEvaluator(Model).Evaluate([new("DatasetDriftDetector", byShare)], At, shareAlerts);

        var score = scoreAlerts.Single(a => a.Name == "drift.dataset");
        score.Value!.Value.ShouldBe(0.7, 1e-12);
        score.Threshold.ShouldBe(0.5);
        score.Message.ShouldStartWith("fraud: dataset drift (score above 0.5), 1 of 4 features drifted (25%)");
        var share = shareAlerts.Single(a => a.Name == "drift.dataset");
        share.Value.ShouldBe(0.5);
        share.Threshold.ShouldBe(0.3);
        share.Message.ShouldStartWith("fraud: dataset drift (more than 30% of features drifted), 2 of 4");
    }

    private static DatasetDriftResult Result(params FeatureDriftResult[] features) => new(features, 0.5);
}
