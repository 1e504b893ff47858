using System.Diagnostics;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// A plain stopwatch harness for recording throughput from one thread and from two threads at once
/// (8,192 predictions each per round, the second thread spinning between rounds), for machines where
/// BenchmarkDotNet's own processes disturb a two-core measurement. Each line also runs a control in
/// the same rounds: pure arithmetic, no memory, so its scaling is what the machine's two processors
/// give two threads at that moment (on a shared virtual machine, anywhere from 1.1x to 1.95x here).
/// Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- scaling</c>.
/// </summary>
internal static class ThreadScaling
{
    private const int PerThread = 8_192;
    private const int Rounds = 400;
    private const int ControlSteps = 60_000;

    public static void Run()
    {
        var target = new BenchmarkMonitor(PerThread * 4);
        double[] features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
        using var helper = new Helper();
        Action recording = () => Record(target.Monitor, features, PerThread);
        Action control = () => Compute(ControlSteps);

        Console.WriteLine("recording: one thread   two threads   scaling | control (arithmetic): scaling");
        for (var repeat = 0; repeat < 7; repeat++)
        {
            long one = 0;
            long two = 0;
            long controlOne = 0;
            long controlTwo = 0;
            for (var round = 1; round <= Rounds; round++)
            {
                target.Drain();
                one += Time(() => Record(target.Monitor, features, 2 * PerThread));
                target.Drain();
                two += Time(() => helper.RunWith(recording));
                controlOne += Time(() => Compute(2 * ControlSteps));
                controlTwo += Time(() => helper.RunWith(control));
            }

            double PerPrediction(long ticks) => ticks * 1e9 / Stopwatch.Frequency / (Rounds * 2.0 * PerThread);
            Console.WriteLine($"{PerPrediction(one),15:F1} ns {PerPrediction(two),10:F1} ns {(double)one / two,8:F2}x | {(double)controlOne / controlTwo,29:F2}x{(repeat == 0 ? "  (warm-up)" : string.Empty)}");
        }

        Console.WriteLine($"// drops: BufferFull={target.Dropped(DropReason.BufferFull)}");
    }

    private static long Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetTimestamp() - start;
    }

    private static void Record(IModelMonitor monitor, double[] features, int count)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });
        }
    }

    // Not inlined, so every caller runs the same compiled loop.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long Compute(int steps)
    {
        long x = 1;
        for (var i = 0; i < steps; i++)
        {
            x = unchecked((x * 6364136223846793005) + 1442695040888963407);
            x ^= x >> 13;
        }

        return x;
    }

    /// <summary>A second thread, started once, that spins until given work and runs it alongside the caller.</summary>
    private sealed class Helper : IDisposable
    {
        private readonly Thread _thread;
        private Action? _work;
        private int _go;
        private int _done;

        public Helper()
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "second recorder" };
            _thread.Start();
        }

        /// <summary>Runs <paramref name="work"/> on both threads at once and returns when both have finished.</summary>
        public void RunWith(Action work)
        {
            _work = work;
            var round = Volatile.Read(ref _go) + 1;
            Volatile.Write(ref _go, round);
            work();
            while (Volatile.Read(ref _done) != round)
            {
                Thread.SpinWait(1);
            }
        }

        public void Dispose()
        {
            Volatile.Write(ref _go, -1);
            _thread.Join();
        }

        private void Loop()
        {
            var seen = 0;
            while (true)
            {
                var round = Volatile.Read(ref _go);
                if (round < 0)
                {
                    return;
                }

                if (round != seen)
                {
                    seen = round;
                    _work!();
                    Volatile.Write(ref _done, round);
                }
            }
        }
    }
}
