using System.Diagnostics;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// <see cref="TimedPredictionBenchmarks"/>' four rows in alternating rounds in one process, compared round by
/// round as <see cref="PairedComparison"/> does, for the ratios a shared virtual machine's changes of speed
/// would blur between BenchmarkDotNet's separate runs. Each round times 8,192 calls of each; the medians
/// of the per-round ratios over 400 rounds are printed with their quartiles.
/// Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- timing</c>.
/// </summary>
internal static class TimingComparison
{
    private const int Calls = 8_192;
    private const int Rounds = 400;

    public static void Run()
    {
        var target = new BenchmarkMonitor(16_384);
        var monitor = target.Monitor;
        var model = new TimedModel();
        var rows = new (string Name, Action Call)[]
        {
            ("RecordPrediction", () => { for (var i = 0; i < Calls; i++) TimedModel.Record(monitor, model); }),
            ("Stopwatch + Record", () => { for (var i = 0; i < Calls; i++) TimedModel.StopwatchAndRecord(monitor, model); }),
            ("Predict", () => { for (var i = 0; i < Calls; i++) TimedModel.Predict(monitor, model); }),
            ("PredictAsync", () => { for (var i = 0; i < Calls; i++) TimedModel.PredictAsync(monitor, model); }),
        };

        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2))
        {
            foreach (var (_, call) in rows)
            {
                target.Drain();
                call();
            }
        }

        var times = new double[rows.Length][];
        for (var row = 0; row < rows.Length; row++)
        {
            times[row] = new double[Rounds];
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < Rounds; round++)
        {
            for (var row = 0; row < rows.Length; row++)
            {
                target.Drain();
                var start = Stopwatch.GetTimestamp();
                rows[row].Call();
                times[row][round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Calls;
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var clock = ClockRead();
        Console.WriteLine("                        median    best   (ns per call, per round of 8,192)");
        for (var row = 0; row < rows.Length; row++)
        {
            Console.WriteLine($"{rows[row].Name,-22} {Median(times[row]),8:F1} {times[row].Min(),7:F1}");
        }

        Console.WriteLine($"Stopwatch.GetTimestamp {clock,8:F1}          (one read, median of {Rounds} rounds)");
        Console.WriteLine(Ratio("Stopwatch + Record / RecordPrediction", times[1], times[0]));
        Console.WriteLine(Ratio("Predict / RecordPrediction", times[2], times[0]));
        Console.WriteLine(Ratio("Predict / Stopwatch + Record", times[2], times[1]));
        Console.WriteLine(Ratio("PredictAsync / Stopwatch + Record", times[3], times[1]));
        Console.WriteLine($"allocated while timed: {allocated} B");
        Console.WriteLine($"// drops: BufferFull={target.Dropped(ModelMonitoring.Recording.DropReason.BufferFull)} InvalidValue={target.Dropped(ModelMonitoring.Recording.DropReason.InvalidValue)}");
    }

    private static string Ratio(string name, double[] numerator, double[] denominator)
    {
        var ratios = numerator.Zip(denominator, (n, d) => n / d).Order().ToArray();
        return $"{name}: median {ratios[Rounds / 2]:F2}x, quartiles {ratios[Rounds / 4]:F2}x - {ratios[3 * Rounds / 4]:F2}x";
    }

    private static double ClockRead()
    {
        var perRound = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < Calls; i++)
            {
                Stopwatch.GetTimestamp();
            }

            perRound[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Calls;
        }

        return Median(perRound);
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
