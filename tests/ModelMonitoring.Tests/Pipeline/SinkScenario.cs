using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Pipeline;

/// <summary>The pipeline and traffic the sink failure and sink accounting tests share.</summary>
internal static class SinkScenario
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    public static TestPipeline Create(Action<ModelMonitoringOptions>? tweak = null) => TestPipeline.Create(o =>
    {
        o.SinkRetryCount = 3;
        o.SinkRetryDelay = TimeSpan.FromMilliseconds(100);
        o.SinkTimeout = TimeSpan.FromSeconds(2);

        // The test thread advances the fake clock faster than a loaded worker may run: only tests about
        // the flush timeout set a short one.
        o.FlushTimeout = TimeSpan.FromHours(1);
        o.ShutdownTimeout = TimeSpan.FromSeconds(5);
        o.AddModel("m", m => m.NumericFeatures("a"));
        tweak?.Invoke(o);
    });

    public static void RecordMany(IModelMonitor monitor, int count)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i] }).IsEmpty.ShouldBeFalse();
        }
    }
}
