using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>
/// The built-in Kernel SHAP explainer run by the worker on a sample of recorded predictions (ModelOptions.ExplainInBackground),
/// end to end through a real SQLite file on a fake clock: the per-cycle budget holds, the stored attributions are the exact
/// Shapley values of a linear model, and a model that throws is counted while the pipeline carries on.
/// </summary>
public sealed class BackgroundExplanationTests : IDisposable
{
    private static readonly double[] Weights = [2, -3];
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SampledPredictions_AreExplainedWithinTheCycleBudget_AndTheirExactAttributionsAreStored()
    {
        var background = Background();
        var explainer = new KernelShapExplainer(Linear, background, 2);
        await using var test = Create(_directory.File("explain.db"), explainer, maxPerCycle: 5);
        var monitor = test.Pipeline.GetMonitor("credit");
        var rows = Enumerable.Range(0, 12).Select(i => new[] { i * 0.5, 10 - i }).ToArray();
        var ids = rows.Select(row => monitor.RecordPrediction(new Prediction { NumericFeatures = row, PredictedValue = Linear(row) })).ToArray();

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        test.Pipeline.GetStatistics().BackgroundExplanations.ShouldBe(5); // one cycle: five of the twelve queued
        for (var i = 0; i < 4; i++)
        {
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        var statistics = test.Pipeline.GetStatistics();
        statistics.BackgroundExplanations.ShouldBe(12);
        statistics.BackgroundExplanationsSkipped.ShouldBe(0);
        var means = new[] { Mean(background, 0), Mean(background, 1) };
        for (var i = 0; i < rows.Length; i++)
        {
            var stored = (await test.Pipeline.Reader.GetExplanationAsync(ids[i])).ShouldNotBeNull($"prediction {i} was not explained");
            var attributions = stored.Attributions.ShouldNotBeNull();

            // For a linear model with independent features the Shapley value of feature j is w_j (x_j − E[x_j]).
            attributions[0].ShouldBe(Weights[0] * (rows[i][0] - means[0]), 1e-9);
            attributions[1].ShouldBe(Weights[1] * (rows[i][1] - means[1]), 1e-9);
            stored.BaseValue!.Value.ShouldBe(explainer.BaseValue, 1e-12);
        }
    }

    [Fact]
    public async Task Lime_OnTheWorker_StoresTheLinearModelsCoefficientsPerStandardDeviation()
    {
        var explainer = new LimeExplainer(Linear, Background(), 2, new LimeOptions { RidgeAlpha = 0 });
        await using var test = TestPipeline.Create(
            o => o.AddModel("credit", m => m.NumericFeatures("a", "b").ExplainInBackgroundWithLime(explainer, e => e.SampleRate = 1)),
            b => b.UseSqlite(_directory.File("lime.db")),
            new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)));
        var monitor = test.Pipeline.GetMonitor("credit");
        var ids = Enumerable.Range(0, 3).Select(i => monitor.RecordPrediction(new Prediction { NumericFeatures = [i, 5 - i], PredictedValue = 0 })).ToArray();

        for (var i = 0; i < 3; i++)
        {
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        foreach (var id in ids)
        {
            var stored = (await test.Pipeline.Reader.GetExplanationAsync(id)).ShouldNotBeNull();
            var weights = stored.LimeWeights.ShouldNotBeNull();
            weights[0].ShouldBe(Weights[0] * explainer.FeatureScales[0], 1e-9);
            weights[1].ShouldBe(Weights[1] * explainer.FeatureScales[1], 1e-9);
            stored.LimeScore!.Value.ShouldBe(1, 1e-9);
            stored.Attributions.ShouldBeNull();
        }

        test.Pipeline.GetStatistics().BackgroundExplanations.ShouldBe(3);
    }

    [Fact]
    public async Task PermutationImportance_OnLabelledPredictions_IsStored_AndEqualsTheSameComputationDoneDirectly()
    {
        await using var test = TestPipeline.Create(
            o => o.AddModel("credit", m => m.NumericFeatures("a", "b").PermutationImportanceInBackground(Linear, PermutationScorers.R2, p =>
            {
                (p.SampleRate, p.Rows, p.Repeats, p.Seed) = (1, 40, 3, 5);
            })),
            b => b.UseSqlite(_directory.File("permutation.db")),
            new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)));
        var monitor = test.Pipeline.GetMonitor("credit");
        var random = new Random(9);
        var rows = Enumerable.Range(0, 40).Select(_ => new[] { random.NextDouble() * 10, random.NextDouble() * 2 }).ToArray();
        var ids = rows.Select(row => monitor.RecordPrediction(new Prediction { NumericFeatures = row, PredictedValue = Linear(row) })).ToArray();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        for (var i = 0; i < ids.Length; i++)
        {
            monitor.RecordGroundTruth(ids[i], Linear(rows[i])).ShouldBeTrue();
        }

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var expected = PermutationImportance.Compute(Linear, [.. rows.SelectMany(r => r)], 2, [.. rows.Select(r => Linear(r))], PermutationScorers.R2, 3, 5);
        var a = (await test.Pipeline.Reader.GetRecentMetricsAsync("credit", "importance.permutation.a")).ShouldHaveSingleItem();
        var b = (await test.Pipeline.Reader.GetRecentMetricsAsync("credit", "importance.permutation.b")).ShouldHaveSingleItem();
        a.Value.ShouldBe(expected.ImportancesMean[0], 1e-12);
        b.Value.ShouldBe(expected.ImportancesMean[1], 1e-12);
        (await test.Pipeline.Reader.GetRecentMetricsAsync("credit", "importance.permutation_std.a")).ShouldHaveSingleItem().Value.ShouldBe(expected.ImportancesStd[0], 1e-12);

        // a spreads over 0–10 with weight 2, b over 0–2 with weight −3: shuffling a costs more of the fit.
        a.Value.ShouldBeGreaterThan(b.Value);
    }

    [Fact]
    public async Task PermutationRows_ThatCannotBeUsed_AreCountedAsGivenUp()
    {
        await using var test = TestPipeline.Create(
            o => o.AddModel("credit", m => m.NumericFeatures("a", "b").PermutationImportanceInBackground(Linear, PermutationScorers.R2, p => (p.SampleRate, p.Rows, p.PendingCapacity) = (1, 10, 3))),
            b => b.UseSqlite(_directory.File("given-up.db")),
            new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)));
        var monitor = test.Pipeline.GetMonitor("credit");
        var ids = Enumerable.Range(0, 5).Select(i => monitor.RecordPrediction(new Prediction { NumericFeatures = [i, i], PredictedClass = "ok" })).ToArray();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Five sampled, three may wait: the two oldest are given up; the three kept get class labels with no ClassValue.
        foreach (var id in ids)
        {
            monitor.RecordGroundTruth(id, "ok");
        }

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Pipeline.GetStatistics().BackgroundPermutationRowsGivenUp.ShouldBe(5);
    }

    [Fact]
    public async Task AModelThatThrows_IsCountedAsADriftStageFailure_AndPredictionsAreStillStored()
    {
        var calls = 0;
        var explainer = new KernelShapExplainer(
            (rows, outputs) =>
            {
                // Construction evaluates the background once; every explanation after it fails.
                if (++calls > 1)
                {
                    throw new InvalidOperationException("model server unavailable");
                }

                Linear(rows, outputs);
            },
            Background(),
            2);
        await using var test = Create(_directory.File("throws.db"), explainer, maxPerCycle: 5);
        var monitor = test.Pipeline.GetMonitor("credit");
        for (var i = 0; i < 3; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i, i], PredictedValue = 0 });
        }

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetStageFailures(MonitoringStage.Drift).ShouldBeGreaterThanOrEqualTo(1);
        statistics.BackgroundExplanations.ShouldBe(0);
        (await test.Pipeline.Reader.GetPredictionSummaryAsync("credit", DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Count.ShouldBe(3);
    }

    [Fact]
    public void AnExplainerOverOtherFeatures_OrBadBudgets_FailAtStartUpNamingTheSetting()
    {
        var explainer = new KernelShapExplainer(Linear, Background(), 2);

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("credit", m => m
            .NumericFeatures("a", "b", "c")
            .ExplainInBackground(explainer, e => (e.SampleRate, e.MaxExplanationsPerCycle, e.QueueCapacity) = (0, 0, 0))))));

        error.Message.ShouldContain("BackgroundExplanation: the explainer takes 2 features but the model has 3 numeric features");
        error.Message.ShouldContain("BackgroundExplanation.SampleRate: 0 is not allowed");
        error.Message.ShouldContain("BackgroundExplanation.MaxExplanationsPerCycle: 0 is not allowed");
        error.Message.ShouldContain("BackgroundExplanation.QueueCapacity: 0 is not allowed");
    }

    private static TestPipeline Create(string path, KernelShapExplainer explainer, int maxPerCycle) => TestPipeline.Create(
        o => o.AddModel("credit", m => m.NumericFeatures("a", "b").ExplainInBackground(explainer, e =>
        {
            e.SampleRate = 1;
            e.MaxExplanationsPerCycle = maxPerCycle;
        })),
        b => b.UseSqlite(path),
        new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)));

    private static double Linear(ReadOnlySpan<double> row) => 1 + (Weights[0] * row[0]) + (Weights[1] * row[1]);

    private static void Linear(ReadOnlySpan<double> rows, Span<double> outputs)
    {
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Linear(rows.Slice(i * 2, 2));
        }
    }

    private static double[] Background()
    {
        var random = new Random(3);
        return [.. Enumerable.Range(0, 100).Select(_ => random.NextDouble() * 10)];
    }

    private static double Mean(double[] background, int feature) => Enumerable.Range(0, background.Length / 2).Average(r => background[(r * 2) + feature]);
}
