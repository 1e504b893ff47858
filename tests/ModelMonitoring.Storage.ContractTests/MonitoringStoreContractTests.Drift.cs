using ModelMonitoring.Drift;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task DriftChecks_AreStoredWithEveryFieldAndTheirFeatures_AndReadOldestFirst()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("drifting", numeric: ["amount", "age"], categorical: ["country"]);
        var later = new DriftCheckRecord
        {
            Model = "drifting",
            Timestamp = At(600),
            WindowStart = At(300.000001),
            WindowEnd = At(599.5),
            RowCount = 4_321,
            ReferenceRowCount = 98_765,
            Detector = "CustomDetector",
            DatasetDrifted = true,
            DriftedShare = 2 / 3.0,
            Score = 0.8765432109876,
            Recommendation = DriftSeverity.Critical,
            Features =
            [
                new("amount", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.21, 1.25e-12, 0.05, true, 1),
                new("age", FeatureKind.Numeric, DriftMethods.Wasserstein, 0.0123, null, 0.1, false, 0.123),
                new("country", FeatureKind.Categorical, DriftMethods.JensenShannon, 0.31, null, 0.1, true, 1),
            ],
        };
        var earlier = DriftCheck(model, At(300), score: 0.1, features: [Feature("amount", drifted: false), Feature("age", drifted: false), Feature("country", drifted: false)]);

        await WriteAsync(store, Batch(model, driftChecks: [later, earlier]));
        var history = await store.Reader.GetDriftHistoryAsync("drifting", All.From, All.To);

        history.Count.ShouldBe(2);
        ShouldBeSameCheck(history[0], earlier);
        ShouldBeSameCheck(history[1], later);
    }

    [Fact]
    public async Task DriftChecks_OfTheMultivariateDetector_KeepTheirComponentAndReconstructionResults_NamedApartFromTheFeatures()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("joint", numeric: ["x", "y"]);
        var check = new DriftCheckRecord
        {
            Model = "joint",
            Timestamp = At(60),
            WindowStart = At(1),
            WindowEnd = At(59),
            RowCount = 500,
            ReferenceRowCount = 3_000,
            Detector = "MultivariateDriftDetector",
            DatasetDrifted = true,
            DriftedShare = 1.0,
            Score = 1,
            Recommendation = DriftSeverity.Critical,
            Features =
            [
                new("multivariate.pc1", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov, 0.61, 3.5e-90, 0.05, true, 1),
                new("multivariate.reconstruction_error", FeatureKind.Numeric, "pca_reconstruction", 0.93, null, 0.37, true, 1),
            ],
        };

        await WriteAsync(store, Batch(model, driftChecks: [check]));
        var history = await store.Reader.GetDriftHistoryAsync("joint", All.From, All.To);
        var report = await store.Reader.GetDriftReportAsync("joint", All.From, All.To);

        ShouldBeSameCheck(history.ShouldHaveSingleItem(), check);
        report.FeatureDriftCounts.ShouldBe(new Dictionary<string, int> { ["multivariate.pc1"] = 1, ["multivariate.reconstruction_error"] = 1 });
    }

    [Fact]
    public async Task DriftChecks_WithANaNStatistic_ReadItBackAsNaN()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("constant", numeric: ["x"]);
        var check = DriftCheck(model, At(1), features: [new("x", FeatureKind.Numeric, DriftMethods.TTest, double.NaN, 0.5, 0.05, false, 0)]);

        await WriteAsync(store, Batch(model, driftChecks: [check]));

        var feature = (await store.Reader.GetDriftHistoryAsync("constant", All.From, All.To)).ShouldHaveSingleItem().Features.ShouldHaveSingleItem();
        double.IsNaN(feature.Statistic).ShouldBeTrue();
        feature.PValue.ShouldBe(0.5);
    }

    [Fact]
    public async Task DriftReads_IncludeTheStartAndExcludeTheEndOfTheRange_AndOnlyTheModelAsked()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("drift-ranges", numeric: ["x"]);
        var v2 = Schema("drift-ranges", version: "2.0", numeric: ["x"]);
        var other = Schema("other", numeric: ["x"]);
        DateTimeOffset from = At(10), to = At(20);
        await WriteAsync(
            store,
            Batch(model, driftChecks: [DriftCheck(model, from.AddTicks(-10), 0.1), DriftCheck(model, from, 0.2), DriftCheck(model, to, 0.5)]),
            Batch(v2, driftChecks: [DriftCheck(v2, to.AddTicks(-10), 0.3, features: [Feature("x", drifted: true)])]),
            Batch(other, driftChecks: [DriftCheck(other, At(15), 0.9)]));

        var history = await store.Reader.GetDriftHistoryAsync("drift-ranges", from, to);
        var report = await store.Reader.GetDriftReportAsync("drift-ranges", from, to);

        history.Select(c => c.Score).ShouldBe([0.2, 0.3]);
        history.Select(c => c.Timestamp).ShouldBe([from, to.AddTicks(-10)]);
        report.CheckCount.ShouldBe(2);
        report.RecentScores.ShouldBe([0.2, 0.3]);
    }

    [Fact]
    public async Task DriftReport_CountsChecksAndDriftRate_TakesTheLatestCheck_AndTheLastTenScoresOldestFirst()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("reported", numeric: ["amount", "age"], categorical: ["country"]);
        var checks = Enumerable.Range(1, 12).Select(i =>
        {
            var drifted = i % 3 == 0;
            return DriftCheck(model, At(i * 60), score: i / 100.0, drifted: drifted, features:
            [
                Feature("amount", drifted: drifted || i == 1),
                Feature("age", drifted: false),
                Feature("country", drifted: i is 2 or 3),
            ]);
        }).ToArray();
        checks[^1] = checks[^1] with { Recommendation = DriftSeverity.Warning };

        // Written newest first and split over batches: order comes from the timestamps.
        await WriteAsync(store, Batch(model, driftChecks: checks[6..].Reverse().ToArray()), Batch(model, driftChecks: checks[..6]));
        var report = await store.Reader.GetDriftReportAsync("reported", All.From, All.To);

        report.Model.ShouldBe("reported");
        report.From.ShouldBe(All.From);
        report.To.ShouldBe(All.To);
        report.CheckCount.ShouldBe(12);
        report.DriftedCheckCount.ShouldBe(4);
        report.DriftRate.ShouldBe(4 / 12.0, 1e-12);
        report.LatestCheck.ShouldBe(At(720));
        report.LatestScore.ShouldBe(0.12);
        report.LatestRecommendation.ShouldBe(DriftSeverity.Warning);
        report.RecentScores.ShouldBe([0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12]);
        report.FeatureDriftCounts.ShouldBe(new Dictionary<string, int> { ["age"] = 0, ["amount"] = 5, ["country"] = 2 });
        report.FeatureDriftCounts.Keys.ShouldBe(["age", "amount", "country"]);
    }

    [Fact]
    public async Task DriftReport_WithoutChecks_HasZeroCountsAndNoLatestValues()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("steady", numeric: ["x"]);
        await WriteAsync(store, Batch(model, driftChecks: [DriftCheck(model, At(1), features: [Feature("x", drifted: true)])]));

        foreach (var report in new[]
        {
            await store.Reader.GetDriftReportAsync("steady", At(100), At(200)),
            await store.Reader.GetDriftReportAsync("unknown", All.From, All.To),
        })
        {
            report.CheckCount.ShouldBe(0);
            report.DriftedCheckCount.ShouldBe(0);
            report.DriftRate.ShouldBe(0);
            report.LatestCheck.ShouldBeNull();
            report.LatestScore.ShouldBeNull();
            report.LatestRecommendation.ShouldBeNull();
            report.RecentScores.ShouldBeEmpty();
            report.FeatureDriftCounts.ShouldBeEmpty();
        }

        (await store.Reader.GetDriftHistoryAsync("steady", At(100), At(200))).ShouldBeEmpty();
        (await store.Reader.GetDriftHistoryAsync("steady", At(1), At(1))).ShouldBeEmpty();
    }

    [Fact]
    public async Task DriftReads_WithEndBeforeStart_ThrowArgumentOutOfRange()
    {
        await using var store = await CreateStoreAsync();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Reader.GetDriftHistoryAsync("m", At(2), At(1)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Reader.GetDriftReportAsync("m", At(2), At(1)));
    }

    private static void ShouldBeSameCheck(DriftCheckRecord actual, DriftCheckRecord expected)
    {
        (actual with { Features = expected.Features }).ShouldBe(expected);
        actual.Features.ShouldBe(expected.Features);
    }
}
