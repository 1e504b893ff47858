using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Tests.Drift.Streaming;

/// <summary>The built-in detectors by name, with the parameters and stream of River's examples.</summary>
internal static class Detectors
{
    public static readonly TheoryData<string> Names = new() { "ddm", "eddm", "hddm_a", "adwin", "page_hinkley", "kswin" };

    public static IStreamingDriftDetector Create(string name) => name switch
    {
        "ddm" => StreamingDriftDetectors.Ddm(),
        "eddm" => StreamingDriftDetectors.Eddm(alpha: 0.8, beta: 0.75),
        "hddm_a" => StreamingDriftDetectors.HddmA(),
        "adwin" => StreamingDriftDetectors.Adwin(),
        "page_hinkley" => StreamingDriftDetectors.PageHinkley(),
        "kswin" => StreamingDriftDetectors.Kswin(alpha: 0.0001, seed: 42),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>0/1 values, 1 with the given probability before index <paramref name="change"/> and the other after it.</summary>
    public static double[] Bernoulli(int seed, int length, double before, double after, int change)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.NextDouble() < (i < change ? before : after) ? 1 : 0;
        }

        return values;
    }
}
