using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Drift;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class CheckAllocationTests
{
    [Fact]
    public void Check_ReusesTheReference_SoItAllocatesFarLessThanOneCopyOfIt()
    {
        // 100,000 reference rows per feature: sorting or binning the reference again would allocate
        // at least 800 kB per feature. A check may only sort the 5,000-row window, in pooled buffers.
        var random = new Random(3);
        var names = Enumerable.Range(0, 4).Select(i => $"f{i}").ToArray();
        var model = new ModelSchema("m", "1", "test", names, []);
        var options = new DriftMonitoringOptions { WindowSize = 5_000, CheckInterval = TimeSpan.FromMinutes(1) };
        options.Reference = ReferenceProfile.Create(names.ToDictionary(n => n, _ => DriftData.Normal(random, 100_000)));
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        var monitor = new DriftMonitor(model, options, [], store: null, TimeSpan.FromSeconds(10), clock, NullLogger.Instance);
        var values = DriftData.Normal(random, 4 * 5_000);
        for (var row = 0; row < 5_000; row++)
        {
            monitor.Observe(new PredictionRecord { Timestamp = clock.GetUtcNow(), NumericFeatures = values.AsMemory(row * 4, 4) });
        }

        var records = new List<DriftCheckRecord>();
        var alerts = new List<Alert>();
        clock.Advance(TimeSpan.FromMinutes(1));
        monitor.CheckIfDue(clock.GetUtcNow(), records, alerts);
        clock.Advance(TimeSpan.FromMinutes(1));
        monitor.Observe(new PredictionRecord { Timestamp = clock.GetUtcNow(), NumericFeatures = values.AsMemory(0, 4) });

        var before = GC.GetAllocatedBytesForCurrentThread();
        monitor.CheckIfDue(clock.GetUtcNow(), records, alerts);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        records.Count.ShouldBe(2);
        records[1].Features.Count.ShouldBe(4);
        allocated.ShouldBeLessThan(64 * 1024);
    }
}
