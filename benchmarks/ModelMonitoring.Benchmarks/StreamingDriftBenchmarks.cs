// Results, machine and load: docs/benchmarks.md, "Streaming drift detectors".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// Cost of one <see cref="IStreamingDriftDetector.Update"/> per built-in detector with River's
/// default parameters, on a per-label error stream (0/1, error rate 0.3, drawn once): each
/// invocation feeds 4,096 labels, and the detector lives across invocations, so ADWIN's window grows
/// as on a long stationary stream and the figures are amortised over it.
/// </summary>
[MemoryDiagnoser]
public class StreamingDriftBenchmarks
{
    private const int Labels = 4_096;
    private readonly double[] _errors = new double[Labels];
    private IStreamingDriftDetector _ddm = null!;
    private IStreamingDriftDetector _eddm = null!;
    private IStreamingDriftDetector _hddmA = null!;
    private IStreamingDriftDetector _adwin = null!;
    private IStreamingDriftDetector _pageHinkley = null!;
    private IStreamingDriftDetector _kswin = null!;

    /// <summary>Draws the error stream and creates the detectors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261205);
        for (var i = 0; i < Labels; i++)
        {
            _errors[i] = random.NextDouble() < 0.3 ? 1 : 0;
        }

        _ddm = StreamingDriftDetectors.Ddm();
        _eddm = StreamingDriftDetectors.Eddm();
        _hddmA = StreamingDriftDetectors.HddmA();
        _adwin = StreamingDriftDetectors.Adwin();
        _pageHinkley = StreamingDriftDetectors.PageHinkley();
        _kswin = StreamingDriftDetectors.Kswin();
    }

    /// <summary>DDM, per label.</summary>
    [Benchmark(OperationsPerInvoke = Labels)]
    public bool Ddm() => Feed(_ddm);

    /// <summary>EDDM, per label.</summary>
    [Benchmark(OperationsPerInvoke = Labels)]
    public bool Eddm() => Feed(_eddm);

    /// <summary>HDDM_A, per label.</summary>
    [Benchmark(OperationsPerInvoke = Labels)]
    public bool HddmA() => Feed(_hddmA);

    /// <summary>ADWIN, per label, amortised (a cut search every 32 labels).</summary>
    [Benchmark(OperationsPerInvoke = Labels)]
    public bool Adwin() => Feed(_adwin);

    /// <summary>Page-Hinkley, per label.</summary>
    [Benchmark(OperationsPerInvoke = Labels)]
    public bool PageHinkley() => Feed(_pageHinkley);

    /// <summary>KSWIN, per label: 30 random draws, two sorts of 30 values and a KS statistic.</summary>
    [Benchmark(OperationsPerInvoke = Labels)]
    public bool Kswin() => Feed(_kswin);

    private bool Feed(IStreamingDriftDetector detector)
    {
        var drift = false;
        foreach (var error in _errors)
        {
            detector.Update(error);
            drift |= detector.DriftDetected;
        }

        return drift;
    }
}
