using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Testing;
using static ModelMonitoring.Tests.DriftMonitoring.DriftScenario;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class DriftReferenceTests
{
    [Fact]
    public async Task ReferenceFromFirst_IsLearnedAndSaved_AndReusedAfterARestart()
    {
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await using (var first = Create(d => d.ReferenceFromFirst = 300, With(store)))
        {
            var monitor = first.Pipeline.GetMonitor("m");
            scenario.Record(monitor, 200);
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();
            first.Pipeline.DriftMonitoring.GetStatus("m").ShouldSatisfyAllConditions(
                s => s.Reference.ShouldBeNull(),
                s => s.ReferenceRowsCollected.ShouldBe(200));

            scenario.Record(monitor, 200);
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();

            var status = first.Pipeline.DriftMonitoring.GetStatus("m");
            status.Reference.ShouldNotBeNull().RowCount.ShouldBe(300);
            status.ReferenceRowsCollected.ShouldBe(0);
            store.Saves.ShouldBe(1);
            store["m"].ShouldBeSameAs(status.Reference);
            first.Logs.Lines.ShouldContain(l => l.Contains("[11] Learned the drift reference of model m from its first 300 predictions", StringComparison.Ordinal));
        }

        await using var second = Create(d => d.ReferenceFromFirst = 300, With(store));
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();
        var restarted = second.Pipeline.DriftMonitoring.GetStatus("m");
        restarted.Reference.ShouldBeSameAs(store["m"]);
        restarted.ReferenceRowsCollected.ShouldBe(0);

        scenario.Record(second.Pipeline.GetMonitor("m"), 400, shift: 2);
        await NextCheckAsync(second);

        store.Saves.ShouldBe(1);
        var check = second.Sink.DriftChecks.ShouldHaveSingleItem();
        check.ReferenceRowCount.ShouldBe(300);
        check.DatasetDrifted.ShouldBeTrue();
    }

    [Fact]
    public async Task ConfiguredReference_WinsOverASavedOne_AndIsNotSaved()
    {
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await store.SaveAsync("m", scenario.Reference(200));
        var configured = scenario.Reference(400);

        await using var test = Create(d => d.Reference = configured, With(store));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldBeSameAs(configured);
        store.Loads.ShouldBe(0);
        store.Saves.ShouldBe(1);
    }

    [Fact]
    public async Task SetReference_IsSavedAndTakesEffectAtTheNextCheck()
    {
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000), With(store));
        var monitor = test.Pipeline.GetMonitor("m");
        scenario.Record(monitor, 500, shift: 3);
        await NextCheckAsync(test);

        var shifted = scenario.Reference(2_000, shift: 3);
        await test.Pipeline.DriftMonitoring.SetReferenceAsync("m", shifted);
        store["m"].ShouldBeSameAs(shifted);
        scenario.Record(monitor, 500, shift: 3);
        await NextCheckAsync(test);

        test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldBeSameAs(shifted);
        test.Sink.DriftChecks.Select(c => c.DatasetDrifted).ShouldBe([true, false]);
        DriftAlerts(test, "drift.dataset").Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
    }

    [Fact]
    public async Task SetReference_WithOtherFeatures_IsRejectedNamingThem()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(100));
        var wrong = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["x"] = [1, 2, 3], ["c"] = [1, 2, 3] },
            new Dictionary<string, string[]> { ["z"] = ["a", "b", "c"] });

        var error = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.DriftMonitoring.SetReferenceAsync("m", wrong));

        error.Message.ShouldContain("model 'm'");
        error.Message.ShouldContain("the numeric feature 'y' is missing from the reference");
        error.Message.ShouldContain("'c' is categorical in the model but numeric in the reference");
        error.Message.ShouldContain("the reference feature 'z' is not declared by the model");
        await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.DriftMonitoring.SetReferenceAsync("unknown", wrong));
        Should.Throw<ArgumentException>(() => test.Pipeline.DriftMonitoring.GetStatus("unknown")).Message.ShouldContain("has no drift monitoring");
    }

    [Fact]
    public async Task ResetReference_DeletesTheSavedOne_AndLearnsAgainFromTheNextPredictions()
    {
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await using var test = Create(d => d.ReferenceFromFirst = 200, With(store));
        var monitor = test.Pipeline.GetMonitor("m");
        scenario.Record(monitor, 200);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var learned = test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldNotBeNull();

        await test.Pipeline.DriftMonitoring.ResetReferenceAsync("m");
        store["m"].ShouldBeNull();
        scenario.Record(monitor, 50, shift: 4);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        test.Pipeline.DriftMonitoring.GetStatus("m").ShouldSatisfyAllConditions(
            s => s.Reference.ShouldBeNull(),
            s => s.ReferenceRowsCollected.ShouldBe(50));

        scenario.Record(monitor, 150, shift: 4);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var relearned = test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldNotBeNull();
        relearned.ShouldNotBeSameAs(learned);
        relearned.NumericFeatures[0].Mean.ShouldBe(4, 0.3);
        store["m"].ShouldBeSameAs(relearned);
        store.Deletes.ShouldBe(1);
    }

    [Fact]
    public async Task FailingStore_IsLoggedAndRetried_WithoutLearningOverTheSavedReference()
    {
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        var saved = scenario.Reference(300);
        await store.SaveAsync("m", saved);
        store.Fail = true;
        await using var test = Create(d => d.ReferenceFromFirst = 100, With(store));
        var monitor = test.Pipeline.GetMonitor("m");

        scenario.Record(monitor, 150);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldBeNull();
        test.Logs.Lines.ShouldContain(l => l.Contains("[15] The reference store failed to load the drift reference of model m", StringComparison.Ordinal));

        store.Fail = false;
        test.Clock.Advance(TimeSpan.FromSeconds(30));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldBeSameAs(saved);
        store.Saves.ShouldBe(1);
    }
}
