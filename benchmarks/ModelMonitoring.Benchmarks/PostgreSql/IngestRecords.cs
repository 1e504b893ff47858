using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// Batches of predictions as a classifier records them: 10 numeric features, a class, a confidence, a
/// latency, fresh ids (one process's sequence, as <see cref="PredictionId"/>s are made) and timestamps of
/// today, so that rows land in the day's partition. Each call to <see cref="Next"/> overwrites the last batch.
/// </summary>
internal sealed class IngestRecords
{
    public const int Features = 10;

    private readonly double[] _features;
    private readonly PredictionRecord[] _records;
    private readonly ulong _instance = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    private ulong _next;
    private DateTimeOffset _time = TimeProvider.System.GetUtcNow();

    public IngestRecords(int batchSize)
    {
        var random = new Random(42);
        _features = [.. Enumerable.Range(0, batchSize * Features).Select(_ => random.NextDouble() * 100)];
        _records = new PredictionRecord[batchSize];
    }

    public ModelSchema Model { get; } = new("bench", "1", "bench", [.. Enumerable.Range(0, Features).Select(i => $"f{i}")], []);

    public int BatchSize => _records.Length;

    public PredictionRecord[] Next()
    {
        for (var i = 0; i < _records.Length; i++)
        {
            _time = _time.AddTicks(10);
            _records[i] = new PredictionRecord
            {
                Id = new PredictionId(_instance, ++_next),
                Timestamp = _time,
                Latency = TimeSpan.FromMilliseconds(3),
                PredictedClass = (i & 1) == 0 ? "legit" : "fraud",
                Confidence = 0.9,
                NumericFeatures = new ReadOnlyMemory<double>(_features, i * Features, Features),
            };
        }

        return _records;
    }

    public MonitoringBatch NextBatch() => new(Model, Next());
}
