using ModelMonitoring.Health;
using ModelMonitoring.Health.Internal;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Tests.Health;

/// <summary>The health formula of docs/health.md on constructed windows: each component, the caps and the status boundaries.</summary>
public sealed class HealthScorerTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMinutes(1);

    private static Dictionary<string, double> Window(params (string Name, double Value)[] values)
    {
        var window = new Dictionary<string, double>(StringComparer.Ordinal) { ["prediction_count"] = 100, ["error_rate"] = 0 };
        foreach (var (name, value) in values)
        {
            window[name] = value;
        }

        return window;
    }

    private static HealthScorer Scorer(Action<HealthOptions>? configure = null)
    {
        var options = new HealthOptions { LatencyBaseline = TimeSpan.FromMilliseconds(10), PerformanceBaseline = 0.9 };
        configure?.Invoke(options);
        return new HealthScorer("fraud", options);
    }

    [Fact]
    public void CleanWindow_Scores100_Healthy_WithoutReasons()
    {
        var health = Scorer().Score(Window(("latency_p95_ms", 9), ("accuracy", 0.95)), Start, End, default);

        health.ShouldBe(new ModelHealth("fraud", Start, End, 100, ModelHealthStatus.Healthy, []), new HealthComparer());
    }

    [Theory]
    [InlineData(0.01, 0)]       // at the warning level: nothing
    [InlineData(0.055, 15)]     // half-way: half the weight
    [InlineData(0.5, 30)]       // past critical: the whole weight, no more
    public void ErrorRate_TakesPointsLinearlyBetweenWarningAndCritical(double errorRate, double penalty)
    {
        var health = Scorer().Score(Window(("error_rate", errorRate)), Start, End, default);

        health.Score.ShouldBe(100 - penalty, 1e-9);
        if (penalty > 0)
        {
            var reason = health.Reasons.ShouldHaveSingleItem();
            reason.Component.ShouldBe(HealthComponent.ErrorRate);
            reason.Penalty.ShouldBe(penalty, 1e-9);
            reason.Message.ShouldContain("warning 1%, critical 10%");
        }
    }

    [Fact]
    public void ErrorRate_AtCritical_IsUnhealthy_WhateverTheScore()
    {
        var health = Scorer().Score(Window(("error_rate", 0.10)), Start, End, default);

        health.Score.ShouldBe(70, 1e-9);
        health.Status.ShouldBe(ModelHealthStatus.Unhealthy);
        health.Reasons.Single().Message.ShouldBe("error rate 10% (warning 1%, critical 10%)");
    }

    [Fact]
    public void Latency_IsJudgedAgainstTheMedianOfTheFirstWindows_WhenNoBaselineIsConfigured()
    {
        var scorer = Scorer(o => o.LatencyBaseline = null);
        foreach (var p95 in new double[] { 10, 12, 8, 10, 11 })
        {
            // Learning windows are not judged, however slow.
            scorer.Score(Window(("latency_p95_ms", p95)), Start, End, default).Score.ShouldBe(100);
        }

        var health = scorer.Score(Window(("latency_p95_ms", 22.5)), Start, End, default);

        // Baseline median 10 ms; ratio 2.25 lies half-way between 1.5 and 3: half of 15 points.
        health.Score.ShouldBe(92.5, 1e-9);
        health.Reasons.Single().Message.ShouldBe("p95 latency 22.5 ms is 2.25x the baseline 10 ms (warning 1.5x, critical 3x)");
    }

    [Fact]
    public void Performance_UsesRealizedAccuracy_ThenTheEstimate_AndMaeForRegressors()
    {
        // Accuracy 0.855 is 5% below 0.9: (5 − 2) / (10 − 2) of 25 points.
        var realized = Scorer().Score(Window(("accuracy", 0.855), ("estimated.accuracy", 0.2)), Start, End, default);
        realized.Reasons.Single().Penalty.ShouldBe(25 * 3.0 / 8, 1e-9);
        realized.Reasons.Single().Message.ShouldStartWith("accuracy 0.855 is 5% below the baseline 0.9");

        var estimated = Scorer().Score(Window(("estimated.accuracy", 0.81)), Start, End, default);
        estimated.Reasons.Single().Penalty.ShouldBe(25, 1e-9);
        estimated.Reasons.Single().Message.ShouldStartWith("estimated accuracy 0.81 is 10% below");

        var regression = Scorer(o => o.PerformanceBaseline = 2).Score(Window(("mae", 2.12)), Start, End, default);
        regression.Reasons.Single().Penalty.ShouldBe(25 * 4.0 / 8, 1e-9);
        regression.Reasons.Single().Message.ShouldStartWith("mean absolute error 2.12 is 6% above the baseline 2");

        // Better than the baseline takes nothing off.
        Scorer().Score(Window(("accuracy", 0.99)), Start, End, default).Score.ShouldBe(100);
    }

    [Fact]
    public void Drift_Quality_AndAlerts_TakeTheirShare()
    {
        var health = Scorer().Score(
            Window(("quality.amount.missing_share", 0.105), ("quality.country.new_category_share", 0.02), ("quality.age.constant", 1)),
            Start,
            End,
            new HealthInputs(DriftedFeatures: 2, CheckedFeatures: 8, CriticalAlerts: 0, WarningAlerts: 1));

        // Drift 2/8 = 25% of the 50% critical share: 10 points; quality worst 10.5% half-way between 1% and 20%: 5; one warning alert: 5.
        health.Reasons.Select(r => (r.Component, Math.Round(r.Penalty, 9))).ShouldBe([(HealthComponent.Drift, 10), (HealthComponent.DataQuality, 5), (HealthComponent.Alerts, 5)]);
        health.Score.ShouldBe(80, 1e-9);
        health.Status.ShouldBe(ModelHealthStatus.Healthy);
        health.Reasons.Single(r => r.Component == HealthComponent.DataQuality).Message.ShouldBe("amount.missing_share 10.5% (warning 1%, critical 20%)");
        health.Reasons.Single(r => r.Component == HealthComponent.Drift).Message.ShouldStartWith("2 of 8 features drifted");
    }

    [Fact]
    public void Alerts_AreCappedAtTheirWeight_AndTheScoreAtZero()
    {
        var alerts = Scorer().Score(Window(), Start, End, new HealthInputs(0, 0, CriticalAlerts: 3, WarningAlerts: 4));
        alerts.Reasons.Single().Penalty.ShouldBe(30);

        var everything = Scorer().Score(
            Window(("error_rate", 1), ("latency_p95_ms", 100), ("accuracy", 0.1), ("quality.x.missing_share", 1)),
            Start,
            End,
            new HealthInputs(8, 8, 5, 0));
        everything.Score.ShouldBe(0);
        everything.Status.ShouldBe(ModelHealthStatus.Unhealthy);
        everything.Reasons.Count.ShouldBe(6);
    }

    [Theory]
    [InlineData(0.0, 0, ModelHealthStatus.Healthy)]        // 100
    [InlineData(0.0, 4, ModelHealthStatus.Healthy)]        // 80: the healthy boundary is inclusive
    [InlineData(0.0, 5, ModelHealthStatus.Degraded)]       // 75
    [InlineData(0.07, 4, ModelHealthStatus.Degraded)]      // 80 − 20 = 60
    [InlineData(0.085, 6, ModelHealthStatus.Unhealthy)]    // 100 − 25 − 30 = 45
    public void Status_FollowsTheScoreBoundaries(double errorRate, int warnings, ModelHealthStatus status)
    {
        var health = Scorer().Score(Window(("error_rate", errorRate)), Start, End, new HealthInputs(0, 0, 0, warnings));

        health.Status.ShouldBe(status);
    }

    [Fact]
    public void LearnedBaselines_AreStoredWithTheScore_AndARestoredScorer_JudgesTheNextWindowAgainstThem_WithoutLearningAgain()
    {
        var learner = Scorer(o => (o.LatencyBaseline, o.PerformanceBaseline) = (null, null));
        learner.LearnedBaselines().ShouldBeEmpty();
        foreach (var (p95, accuracy) in new[] { (10.0, 0.9), (12.0, 0.92), (8.0, 0.88), (10.0, 0.9), (11.0, 0.9) })
        {
            learner.Score(Window(("latency_p95_ms", p95), ("accuracy", accuracy)), Start, End, default);
        }

        var stored = new List<Storage.MetricRecord>();
        HealthScorer.Emit(learner.Score(Window(("latency_p95_ms", 10), ("accuracy", 0.9)), Start, End, default), stored.Add, learner.LearnedBaselines());
        var metadata = stored[0].Metadata.ShouldNotBeNull();
        metadata["baseline.latency_p95_ms"].ShouldBe("10");
        double.Parse(metadata["baseline.accuracy"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0.9, 1e-12);
        HealthScorer.Read("fraud", stored[0]).ShouldNotBeNull().Reasons.ShouldBeEmpty();

        // A new process: without the stored baselines its first windows would teach it the regressed latency as normal.
        var restarted = Scorer(o => (o.LatencyBaseline, o.PerformanceBaseline) = (null, null));
        restarted.Restore(metadata).ShouldBeTrue();
        var health = restarted.Score(Window(("latency_p95_ms", 40), ("accuracy", 0.72)), Start, End, default);

        health.Reasons.Select(r => r.Component).ShouldBe([HealthComponent.Performance, HealthComponent.Latency], ignoreOrder: true);
        health.Reasons.Single(r => r.Component == HealthComponent.Latency).Message.ShouldStartWith("p95 latency 40 ms is 4.00x the baseline 10 ms");
        health.Reasons.Single(r => r.Component == HealthComponent.Performance).Message.ShouldStartWith("accuracy 0.72 is 20% below the baseline 0.9");
    }

    [Fact]
    public void ConfiguredBaselines_AreNotStored_NorReplacedByRestoredOnes_AndJunkIsIgnored()
    {
        var scorer = Scorer();
        for (var i = 0; i < 6; i++)
        {
            scorer.Score(Window(("latency_p95_ms", 50), ("accuracy", 0.5)), Start, End, default);
        }

        scorer.LearnedBaselines().ShouldBeEmpty();
        scorer.Restore(new Dictionary<string, string> { ["baseline.latency_p95_ms"] = "100" }).ShouldBeTrue();
        scorer.Score(Window(("latency_p95_ms", 20)), Start, End, default).Reasons.Single().Message.ShouldStartWith("p95 latency 20 ms is 2.00x the baseline 10 ms");

        var fresh = Scorer(o => o.LatencyBaseline = null);
        fresh.Restore(new Dictionary<string, string> { ["baseline.latency_p95_ms"] = "NaN", ["baseline.other"] = "3", ["baseline.accuracy"] = "x", ["status"] = "Healthy" }).ShouldBeFalse();
        fresh.Restore(null).ShouldBeFalse();
        fresh.Score(Window(("latency_p95_ms", 40)), Start, End, default).Reasons.ShouldBeEmpty(); // still learning
    }

    [Fact]
    public void StoredForm_ReadsBackToTheSameHealth()
    {
        var health = Scorer().Score(Window(("error_rate", 0.05), ("latency_p95_ms", 25)), Start, End, new HealthInputs(1, 4, 1, 0));
        var stored = new List<Storage.MetricRecord>();

        HealthScorer.Emit(health, stored.Add);

        stored.Select(m => (m.Name, m.Value)).ShouldBe([(HealthMetricNames.Score, health.Score), (HealthMetricNames.Status, (double)(int)health.Status)]);
        stored.ShouldAllBe(m => m.WindowStart == Start && m.Timestamp == End);
        HealthScorer.Read("fraud", stored[0]).ShouldBe(health, new HealthComparer());
    }

    [Fact]
    public void Windows_AreCollectedFromTheBatch_OnlyThoseWithPredictions_OldestFirst()
    {
        Storage.MetricRecord[] metrics =
        [
            new() { Name = "prediction_count", Value = 5, Timestamp = End.AddMinutes(1), WindowStart = Start.AddMinutes(1) },
            new() { Name = "error_rate", Value = 0.2, Timestamp = End.AddMinutes(1), WindowStart = Start.AddMinutes(1) },
            new() { Name = "labeled_count", Value = 3, Timestamp = End, WindowStart = Start },
            new() { Name = "prediction_count", Value = 7, Timestamp = End.AddMinutes(2), WindowStart = Start.AddMinutes(2) },
            new() { Name = "cpu", Value = 1, Timestamp = End },
            new() { Name = HealthMetricNames.Score, Value = 50, Timestamp = End.AddMinutes(2), WindowStart = Start.AddMinutes(2) },
        ];

        var windows = HealthWindows.Collect(metrics);

        windows.Select(w => w.Start).ShouldBe([Start.AddMinutes(1), Start.AddMinutes(2)]);
        windows[0].Values.ShouldBe(new Dictionary<string, double> { ["prediction_count"] = 5, ["error_rate"] = 0.2 }, ignoreOrder: true);
        windows[1].Values.Keys.ShouldBe(["prediction_count"]);
        windows[1].End.ShouldBe(End.AddMinutes(2));
    }

    /// <summary>Records compare their reason lists by reference; this compares them by value.</summary>
    private sealed class HealthComparer : IEqualityComparer<ModelHealth>
    {
        private static readonly HealthReason[] NoReasons = [];

        public bool Equals(ModelHealth? x, ModelHealth? y) =>
            x is not null && y is not null && (x with { Reasons = NoReasons }) == (y with { Reasons = NoReasons }) && x.Reasons.SequenceEqual(y.Reasons);

        public int GetHashCode(ModelHealth obj) => obj.Score.GetHashCode();
    }
}
