using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// What a recording cannot go below on this machine: <c>RecordingBenchmarks.RecordPrediction</c>'s
/// exact loop (the same <see cref="Prediction"/> built per call, the same interface call), into
/// monitors that do less than the real one. Evidence for the targets, not a product path.
/// </summary>
/// <remarks>
/// <para><c>CallOnly</c>: the monitor returns at once, so this is the loop, the argument and the call.</para>
/// <para><c>MinimalRecord</c>: no validation, no drop accounting, no ids of its own; per call one
/// thread-static read, a single-producer claim (load, compare, store), the stores of a slot
/// (timestamp, latency, confidence, a label code, the status), a <c>Span.CopyTo</c> of the 10 features and
/// the publishing store, into a ring drained between iterations like the real one.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class RecordingFloorBenchmarks
{
    private const int CallsPerIteration = 8_192;
    private readonly double[] _features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
    private readonly IModelMonitor _callOnly = new CallOnlyMonitor();
    private readonly MinimalMonitor _minimal = new(16_384, 10);

    [IterationSetup(Target = nameof(MinimalRecord))]
    public void EmptyBuffer() => _minimal.Drain();

    [Benchmark(OperationsPerInvoke = CallsPerIteration)]
    [InvocationCount(1)]
    public void CallOnly() => RecordMany(_callOnly, _features, CallsPerIteration);

    [Benchmark(OperationsPerInvoke = CallsPerIteration)]
    [InvocationCount(1)]
    public void MinimalRecord() => RecordMany(_minimal, _features, CallsPerIteration);

    private static void RecordMany(IModelMonitor monitor, double[] features, int count)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });
        }
    }

    private class CallOnlyMonitor : IModelMonitor
    {
        public ModelSchema Model { get; } = new("floor", "1", "bench", [], []);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public virtual PredictionId RecordPrediction(in Prediction prediction) => default;

        public bool RecordGroundTruth(PredictionId predictionId, string actualClass) => false;

        public bool RecordGroundTruth(PredictionId predictionId, double actualValue) => false;

        public bool RecordMetric(string name, double value, string? unit = null, IReadOnlyDictionary<string, string>? metadata = null) => false;

        public bool RecordHealthCheck(ModelHealthStatus status, double score, IReadOnlyList<string>? issues = null) => false;
    }

    private sealed class MinimalMonitor(int capacity, int width) : CallOnlyMonitor
    {
        [ThreadStatic]
        private static Owner? t_owner;

        private readonly Slot[] _slots = new Slot[capacity];
        private readonly double[] _features = new double[capacity * width];
        private readonly int _mask = capacity - 1;
        private readonly int _width = width;
        private long _tail;
        private long _head;

        public override PredictionId RecordPrediction(in Prediction prediction)
        {
            // The thread-static read a real path needs to know which shard it owns.
            if ((t_owner ??= new Owner()).Index != 0)
            {
                return default;
            }

            var position = _tail;
            ref var slot = ref _slots[(int)position & _mask];
            if (Volatile.Read(ref slot.Sequence) != 0)
            {
                return default;
            }

            _tail = position + 1;
            slot.Timestamp = position;
            slot.LatencyTicks = prediction.Latency.Ticks;
            slot.Confidence = prediction.Confidence ?? double.NaN;
            slot.ClassCode = prediction.PredictedClass is null ? (byte)0 : (byte)1;
            slot.Status = prediction.Status;
            var source = prediction.NumericFeatures;
            var destination = _features.AsSpan((int)(position & _mask) * _width, _width);
            source.CopyTo(destination);
            Volatile.Write(ref slot.Sequence, 1);
            return new PredictionId(1, (ulong)position);
        }

        public void Drain()
        {
            for (; _head < _tail; _head++)
            {
                _slots[(int)_head & _mask].Sequence = 0;
            }
        }

        private sealed class Owner
        {
            public int Index { get; }
        }

        private struct Slot
        {
            public long Sequence;
            public long Timestamp;
            public long LatencyTicks;
            public double Confidence;
            public PredictionStatus Status;
            public byte ClassCode;
        }
    }
}
