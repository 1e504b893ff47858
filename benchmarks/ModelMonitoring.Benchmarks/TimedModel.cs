using System.Diagnostics;
using System.Runtime.CompilerServices;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>A model's output in the timing benchmarks.</summary>
/// <param name="Label">The predicted class.</param>
/// <param name="Confidence">The confidence.</param>
public readonly record struct Score(string Label, double Confidence);

/// <summary>
/// The calls compared by <see cref="TimedPredictionBenchmarks"/> and <see cref="TimingComparison"/>, one
/// per method call (not inlined into a loop), as a service predicts once per request.
/// </summary>
internal sealed class TimedModel
{
    public double[] Features { get; } = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];

    public Score Output { get; } = new("legit", 0.93);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static PredictionId Record(IModelMonitor monitor, TimedModel model) =>
        monitor.RecordPrediction(new Prediction { NumericFeatures = model.Features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Score StopwatchAndRecord(IModelMonitor monitor, TimedModel model)
    {
        var start = Stopwatch.GetTimestamp();
        var score = model.Run();
        var latency = Stopwatch.GetElapsedTime(start);
        monitor.RecordPrediction(new Prediction { NumericFeatures = model.Features, Latency = latency, PredictedClass = score.Label, Confidence = score.Confidence });
        return score;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Score Predict(IModelMonitor monitor, TimedModel model) =>
        monitor.Predict(model, static m => m.Run(), static (m, o) => new Prediction { NumericFeatures = m.Features, PredictedClass = o.Result.Label, Confidence = o.Result.Confidence });

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Score PredictAsync(IModelMonitor monitor, TimedModel model) =>
        monitor.PredictAsync(model, static (m, _) => new ValueTask<Score>(m.Run()), static (m, o) => new Prediction { NumericFeatures = m.Features, PredictedClass = o.Result.Label, Confidence = o.Result.Confidence })
            .Result;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Score Run() => Output;
}
