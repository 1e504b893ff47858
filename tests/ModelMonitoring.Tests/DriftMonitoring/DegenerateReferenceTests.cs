using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using static ModelMonitoring.Tests.DriftMonitoring.DriftScenario;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class DegenerateReferenceTests
{
    [Fact]
    public async Task ReferenceLearnedFromIdenticalWarmUpRows_IsRefusedAndNotSaved_AndLearnedAgainFromTheNextPredictions()
    {
        // Arrange
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await using var test = Create(d => d.ReferenceFromFirst = 100, With(store));
        var monitor = test.Pipeline.GetMonitor("m");

        // Act: warm-up traffic repeats one request.
        RecordIdentical(monitor, 100);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        var refused = test.Pipeline.DriftMonitoring.GetStatus("m");
        refused.Reference.ShouldBeNull();
        refused.ReferenceRejection.ShouldNotBeNull().ShouldSatisfyAllConditions(
            r => r.ShouldContain("numeric feature 'x' is constant (1.5 in all 100 rows)"),
            r => r.ShouldContain("numeric feature 'y' is constant"),
            r => r.ShouldContain("categorical feature 'c' has the single category 'a'"));
        store.Saves.ShouldBe(0);
        test.Logs.Lines.ShouldContain(l => l.Contains("[80] The drift reference of model m learned from its first 100 predictions is refused: it is degenerate", StringComparison.Ordinal)
            && l.Contains("Learning again from the next 100 predictions", StringComparison.Ordinal));

        scenario.Record(monitor, 100);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var learned = test.Pipeline.DriftMonitoring.GetStatus("m");
        learned.Reference.ShouldNotBeNull().NumericFeatures[0].StandardDeviation.ShouldBeGreaterThan(0.5);
        learned.ReferenceRejection.ShouldBeNull();
        store["m"].ShouldBeSameAs(learned.Reference);
    }

    [Fact]
    public async Task DegenerateReferenceSavedByAnEarlierRun_IsNotReusedAfterARestart_ButLearnedAgain()
    {
        // Arrange: what an earlier version saved after learning from warm-up traffic.
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await store.SaveAsync("m", ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["x"] = [.. Enumerable.Repeat(1.5, 100)], ["y"] = [.. Enumerable.Repeat(2.5, 100)] },
            new Dictionary<string, string[]> { ["c"] = [.. Enumerable.Repeat("a", 100)] }));

        // Act
        await using var test = Create(d => d.ReferenceFromFirst = 200, With(store));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        var restarted = test.Pipeline.DriftMonitoring.GetStatus("m");
        restarted.Reference.ShouldBeNull();
        restarted.ReferenceRejection.ShouldNotBeNull().ShouldContain("saved by an earlier run was refused");
        test.Logs.Lines.ShouldContain(l => l.Contains("[80] The drift reference of model m saved by an earlier run is refused: it is degenerate", StringComparison.Ordinal));

        scenario.Record(test.Pipeline.GetMonitor("m"), 200);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var relearned = test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldNotBeNull();
        relearned.RowCount.ShouldBe(200);
        store["m"].ShouldBeSameAs(relearned);
    }

    [Fact]
    public async Task SetReference_WithAConstantFeature_IsRejectedNamingIt()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(100));
        var constant = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["x"] = [1, 2, 3], ["y"] = [7, 7, 7] },
            new Dictionary<string, string[]> { ["c"] = ["a", "b", "a"] });

        var error = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.DriftMonitoring.SetReferenceAsync("m", constant));

        error.Message.ShouldContain("numeric feature 'y' is constant (7 in all 3 rows)");
        error.ParamName.ShouldBe("reference");
    }

    [Fact]
    public async Task RelearnReference_ReplacesEvenAConfiguredReference_WithOneLearnedFromTheNextPredictions_AndResolvesItsAlerts()
    {
        // Arrange: the inputs moved for good, so the configured reference reports drift at every check.
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000), With(store));
        var monitor = test.Pipeline.GetMonitor("m");
        scenario.Record(monitor, 500, shift: 3);
        await NextCheckAsync(test);

        // Act
        await test.Pipeline.DriftMonitoring.RelearnReferenceAsync("m", rows: 300);
        scenario.Record(monitor, 300, shift: 3);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        scenario.Record(monitor, 200, shift: 3);
        await NextCheckAsync(test);

        // Assert
        var status = test.Pipeline.DriftMonitoring.GetStatus("m");
        status.Reference.ShouldNotBeNull().RowCount.ShouldBe(300);
        status.Reference.NumericFeatures[0].Mean.ShouldBe(3, 0.3);
        store["m"].ShouldBeSameAs(status.Reference);
        store.Deletes.ShouldBe(1);
        test.Sink.DriftChecks.Select(c => c.DatasetDrifted).ShouldBe([true, false]);
        DriftAlerts(test, "drift.dataset").Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        test.Logs.Lines.ShouldContain(l => l.Contains("[81] Relearning the drift reference of model m from its next 300 predictions", StringComparison.Ordinal));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => test.Pipeline.DriftMonitoring.RelearnReferenceAsync("m"));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => test.Pipeline.DriftMonitoring.RelearnReferenceAsync("m", rows: 1));
    }

    private static void RecordIdentical(IModelMonitor monitor, int count)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1.5, 2.5], CategoricalFeatures = ["a"] }).ShouldNotBe(PredictionId.Empty);
        }
    }
}
