using ModelMonitoring.Drift;
using ModelMonitoring.Testing;
using static ModelMonitoring.Tests.DriftMonitoring.DriftScenario;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class MultivariateMonitoringTests
{
    [Fact]
    public async Task SavedReferenceWithoutRowOrder_IsRefusedAndLearnedAgain_WhenTheMultivariateCheckIsOn()
    {
        // Arrange: saved before the multivariate check was turned on.
        var scenario = new DriftScenario();
        var store = new RecordingReferenceStore();
        await store.SaveAsync("m", scenario.Reference(300));

        // Act
        await using var test = Create(d => { d.ReferenceFromFirst = 300; d.Multivariate = new MultivariateDriftOptions(); }, With(store));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var refused = test.Pipeline.DriftMonitoring.GetStatus("m");
        scenario.Record(test.Pipeline.GetMonitor("m"), 300);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        scenario.Record(test.Pipeline.GetMonitor("m"), 200);
        await NextCheckAsync(test);

        // Assert
        refused.Reference.ShouldBeNull();
        refused.ReferenceRejection.ShouldNotBeNull().ShouldContain("does not keep its row order, which the multivariate check needs");
        test.Sink.DriftChecks.Select(c => (c.Detector, c.DatasetDrifted)).ShouldBe(
            [(nameof(DatasetDriftDetector), false), (nameof(MultivariateDriftDetector), false)]);
        test.Pipeline.DriftMonitoring.GetStatus("m").FailedCheckCount.ShouldBe(0);
    }

    [Fact]
    public async Task SetReference_WithoutRowOrder_IsRejected_WhenTheMultivariateCheckIsOn()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => { d.ReferenceFromFirst = 300; d.Multivariate = new MultivariateDriftOptions(); });

        var error = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.DriftMonitoring.SetReferenceAsync("m", scenario.Reference(300)));

        error.Message.ShouldContain("keepRowOrder: true");
    }
}
