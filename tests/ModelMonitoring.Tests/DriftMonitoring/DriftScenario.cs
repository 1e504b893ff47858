using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Drift;

namespace ModelMonitoring.Tests.DriftMonitoring;

/// <summary>
/// A model "m" with numeric features x and y (standard normal, optionally shifted) and a categorical
/// feature c (a, b or c), monitored for drift every minute on a fake clock.
/// </summary>
internal sealed class DriftScenario
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Random _random = new(20261201);

    /// <summary>Registers a reference store for the pipeline to use.</summary>
    public static Action<IModelMonitoringBuilder> With(IReferenceProfileStore store) =>
        b => b.Services.AddSingleton(store);

    public static TestPipeline Create(Action<DriftMonitoringOptions>? drift = null, Action<IModelMonitoringBuilder>? extra = null) => TestPipeline.Create(
        o =>
        {
            o.FlushInterval = TimeSpan.FromSeconds(1);
            o.TimestampResolution = TimeSpan.FromSeconds(1);
            o.AddModel("m", m => m.Version("2").Environment("test").NumericFeatures("x", "y").CategoricalFeatures("c").Drift(d =>
            {
                d.WindowSize = 500;
                d.MinimumRows = 100;
                d.CheckInterval = Interval;
                drift?.Invoke(d);
            }));
        },
        extra,
        new FakeTimeProvider(Start));

    /// <summary>A reference of standard normal x and y (plus <paramref name="shift"/>) and uniform c.</summary>
    public ReferenceProfile Reference(int rows, double shift = 0) => ReferenceProfile.Create(
        new Dictionary<string, double[]> { ["x"] = DriftData.Normal(_random, rows, shift), ["y"] = DriftData.Normal(_random, rows, shift) },
        new Dictionary<string, string[]> { ["c"] = DriftData.Labels(_random, rows, "a", "b", "c") });

    /// <summary>Records <paramref name="count"/> predictions whose x (and y, unless <paramref name="shiftYToo"/> is false) are shifted.</summary>
    public void Record(IModelMonitor monitor, int count, double shift = 0, bool shiftYToo = true, DateTimeOffset? timestamp = null)
    {
        var labels = new[] { "a", "b", "c" };
        for (var i = 0; i < count; i++)
        {
            var x = DriftData.Normal(_random, 2);
            var accepted = monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [x[0] + shift, x[1] + (shiftYToo ? shift : 0)],
                CategoricalFeatures = [labels[_random.Next(3)]],
                Timestamp = timestamp?.AddMilliseconds(i),
            });
            accepted.ShouldNotBe(PredictionId.Empty);
        }
    }

    /// <summary>Moves the clock to the next check time and waits for the worker to have run it.</summary>
    public static async Task NextCheckAsync(TestPipeline test)
    {
        test.Clock.Advance(Interval);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    public static IReadOnlyList<ModelMonitoring.Alerting.Alert> DriftAlerts(TestPipeline test, string? name = null) =>
        [.. test.Channel.Alerts.Where(a => name is null ? a.Name.StartsWith("drift.", StringComparison.Ordinal) : a.Name == name)];
}
