using System.Diagnostics;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// A plain stopwatch harness for recording throughput from one thread and from two threads at once
/// (8,192 predictions each per round, the second thread spinning between rounds), for machines where
/// BenchmarkDotNet's own processes disturb a two-core measurement.
/// Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- scaling</c>.
/// </summary>
internal static class ThreadScaling
{
    private const int PerThread = 8_192;
    private const int Rounds = 400;

    public static void Run()
    {
        var target = new BenchmarkMonitor(PerThread * 4);
        double[] features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
        var go = 0;
        var done = 0;
        var helper = new Thread(() =>
        {
            var seen = 0;
            while (true)
            {
                var round = Volatile.Read(ref go);
                if (round < 0)
                {
                    return;
                }

                if (round != seen)
                {
                    seen = round;
                    Record(target.Monitor, features, PerThread);
                    Volatile.Write(ref done, round);
                }
            }
        }) { IsBackground = true };
        helper.Start();

        Console.WriteLine("one thread ns/prediction   two threads ns/prediction   scaling");
        for (var repeat = 0; repeat < 6; repeat++)
        {
            long one = 0;
            long two = 0;
            for (var round = 1; round <= Rounds; round++)
            {
                target.Drain();
                var start = Stopwatch.GetTimestamp();
                Record(target.Monitor, features, 2 * PerThread);
                one += Stopwatch.GetTimestamp() - start;

                target.Drain();
                start = Stopwatch.GetTimestamp();
                var next = Volatile.Read(ref go) + 1;
                Volatile.Write(ref go, next);
                Record(target.Monitor, features, PerThread);
                while (Volatile.Read(ref done) != next)
                {
                    Thread.SpinWait(1);
                }

                two += Stopwatch.GetTimestamp() - start;
            }

            double PerPrediction(long ticks) => ticks * 1e9 / Stopwatch.Frequency / (Rounds * 2.0 * PerThread);
            Console.WriteLine($"{PerPrediction(one),24:F1}   {PerPrediction(two),25:F1}   {(double)one / two,6:F2}x");
        }

        Volatile.Write(ref go, -1);
        Console.WriteLine($"// drops: BufferFull={target.Dropped(DropReason.BufferFull)}");
    }

    private static void Record(IModelMonitor monitor, double[] features, int count)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });
        }
    }
}
