using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Tests.Processes;

/// <summary>
/// The child process's work: writes batches of <see cref="BatchSize"/> predictions through the real
/// store forever, each batch tagged with its own segment, printing one line after each commit.
/// </summary>
internal static class CrashWriter
{
    public const string Command = "crash-writer";
    public const string CommittedPrefix = "committed ";
    public const int BatchSize = 2_000;
    public const string Model = "crash";
    private const int Width = 10;

    public static async Task RunAsync(string path, string tag)
    {
        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);
        var model = new ModelSchema(Model, "1", "test", [.. Enumerable.Range(0, Width).Select(i => $"f{i}")], ["batch"]);
        var predictions = new PredictionRecord[BatchSize];
        var numeric = new double[BatchSize * Width];
        var idPrefix = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        for (var i = 0; i < numeric.Length; i++)
        {
            numeric[i] = i * 0.5;
        }

        for (var batch = 0L; ; batch++)
        {
            var segment = $"{tag}-batch-{batch}";
            string?[] categorical = [segment];
            for (var i = 0; i < BatchSize; i++)
            {
                predictions[i] = new PredictionRecord
                {
                    Id = new PredictionId(idPrefix, (ulong)((batch * BatchSize) + i + 1)),
                    Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(1_750_000_000 + batch),
                    Latency = TimeSpan.FromMilliseconds(i % 50),
                    PredictedClass = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Confidence = 0.5,
                    Segment = segment,
                    NumericFeatures = numeric.AsMemory(i * Width, Width),
                    CategoricalFeatures = categorical,
                };
            }

            await store.WriteAsync(new MonitoringBatch(model, predictions), CancellationToken.None);
            await Console.Out.WriteLineAsync(CommittedPrefix + segment);
            await Console.Out.FlushAsync();
        }
    }
}
