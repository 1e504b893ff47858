using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

[Collection(ProcessMemoryCollection.Name)]
public class UnknownModelBoundsTests
{
    private const int Names = 200_000;

    private static int UnknownModelLogLines(TestPipeline test) =>
        test.Logs.Lines.Count(l => l.Contains("not configured", StringComparison.Ordinal));

    [Fact]
    public async Task GetMonitor_200000DistinctUnknownNames_MemoryAndLogLinesStayBounded_AndEveryDropIsCounted()
    {
        // Arrange
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a")));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // Act
        for (var i = 0; i < Names; i++)
        {
            test.Pipeline.GetMonitor("unknown-" + i).RecordPrediction(new Prediction { NumericFeatures = [1] });
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;

        // Assert: the old code kept one monitor (and wrote one warning) per name, over 100 MB for these names.
        retained.ShouldBeLessThan(16L << 20);
        UnknownModelLogLines(test).ShouldBeLessThanOrEqualTo(UnknownModelMonitors.Capacity + 1);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.UnknownModel).ShouldBe(Names);
        statistics.Received.ShouldBe(Names);
    }

    [Fact]
    public async Task GetMonitor_NamesPastTheCache_ShareOneMonitor_AndAreSummarisedOncePerInterval()
    {
        // Arrange
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a")));
        var service = test.Pipeline.Services.GetRequiredService<ModelMonitoringService>();
        for (var i = 0; i < UnknownModelMonitors.Capacity; i++)
        {
            test.Pipeline.GetMonitor("typo-" + i);
        }

        // Act
        var first = test.Pipeline.GetMonitor("past-0");
        var second = test.Pipeline.GetMonitor(new string('x', 1 << 20));
        for (var i = 1; i < 1_000; i++)
        {
            test.Pipeline.GetMonitor("past-" + i).RecordMetric("x", 1).ShouldBeFalse();
        }

        var linesWithinInterval = UnknownModelLogLines(test);
        test.Clock.Advance(UnknownModelMonitors.SummaryInterval);
        test.Pipeline.GetMonitor("past-last");

        // Assert
        service.UnknownMonitors.NamedCount.ShouldBe(UnknownModelMonitors.Capacity);
        test.Pipeline.GetMonitor("typo-3").Model.Name.ShouldBe("typo-3");
        second.ShouldBeSameAs(first);
        linesWithinInterval.ShouldBe(UnknownModelMonitors.Capacity + 1);
        UnknownModelLogLines(test).ShouldBe(UnknownModelMonitors.Capacity + 2);
        // The worker logs on its own thread (e.g. the rule store being read), so find the summary among the unknown-model lines.
        test.Logs.Lines.Last(l => l.Contains("not configured", StringComparison.Ordinal)).ShouldContain("requested 1001 more time(s)");
        test.Logs.Lines.ShouldAllBe(l => l.Length < 1_000);
        test.Pipeline.GetStatistics().GetDropped(DropReason.UnknownModel).ShouldBe(999);
    }
}
