using System.Diagnostics;
using ModelMonitoring.PostgreSql.Internal;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// The PostgreSQL provider's sink writing batches of predictions with 10 numeric features, against a plain
/// binary <c>COPY</c> of the same rows into a plain table (<see cref="PlainCopy"/>), in alternating rounds
/// of one process, because this shared machine's speed drifts between separate runs: the ratio of a round
/// compares the two under the same conditions. Each round writes one batch with each, the provider's
/// through <c>IMetricSink.WriteAsync</c> (validation, a pooled connection, one transaction, the id table,
/// the day's partition and its index); the median over the rounds is printed with its quartiles.
/// Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- postgres-ingest [rounds] [batch size]</c>
/// (a throwaway server, or the one of <c>MODELMONITORING_POSTGRES</c>).
/// </summary>
internal static class PostgreSqlIngestComparison
{
    public static async Task RunAsync(int rounds, int batchSize)
    {
        await using var bench = await BenchmarkStore.OpenAsync();
        var (server, dataSource, store) = (bench.Server, bench.DataSource, bench.Store);
        var plain = new PlainCopy(dataSource);
        await plain.CreateAsync();
        var records = new IngestRecords(batchSize);

        // Warm-up rounds, so that what is timed is the Tier-1 code of a running service and a server with its caches filled.
        for (var round = 0; round < 20; round++)
        {
            await store.WriteAsync(records.NextBatch(), CancellationToken.None);
            await plain.WriteAsync(records.Next());
        }

        var ours = new double[rounds];
        var ceiling = new double[rounds];
        var duplicates = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so that neither always follows the other's autovacuum or checkpoint.
            if (round % 2 == 0)
            {
                (ours[round], duplicates) = await TimeProviderAsync(store, records, duplicates);
                ceiling[round] = await TimePlainAsync(plain, records);
            }
            else
            {
                ceiling[round] = await TimePlainAsync(plain, records);
                (ours[round], duplicates) = await TimeProviderAsync(store, records, duplicates);
            }
        }

        var ratios = ours.Zip(ceiling, (a, b) => a / b).Order().ToArray();
        await using var version = dataSource.CreateCommand("SHOW server_version;");
        Console.WriteLine($"PostgreSQL {await version.ExecuteScalarAsync()}: {server.Description}");
        Console.WriteLine($"{rounds} rounds of one batch of {batchSize:N0} predictions ({IngestRecords.Features} numeric features) each; predictions per second:");
        Console.WriteLine("                          median       quartiles");
        Console.WriteLine($"provider sink          {Median(ours),9:N0}   {Quantile(ours, 0.25):N0} - {Quantile(ours, 0.75):N0}");
        Console.WriteLine($"plain binary COPY      {Median(ceiling),9:N0}   {Quantile(ceiling, 0.25):N0} - {Quantile(ceiling, 0.75):N0}");
        Console.WriteLine($"provider / plain COPY, round by round: median {ratios[rounds / 2]:F3}x, quartiles {ratios[rounds / 4]:F3}x - {ratios[3 * rounds / 4]:F3}x");
        Console.WriteLine($"// duplicates reported by the sink: {duplicates}; load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static async Task<(double PerSecond, int Duplicates)> TimeProviderAsync(PostgreSqlMonitoringStore store, IngestRecords records, int duplicates)
    {
        var batch = records.NextBatch();
        var start = Stopwatch.GetTimestamp();
        var result = await store.WriteAsync(batch, CancellationToken.None);
        return (records.BatchSize / Stopwatch.GetElapsedTime(start).TotalSeconds, duplicates + result.DuplicatePredictions);
    }

    private static async Task<double> TimePlainAsync(PlainCopy plain, IngestRecords records)
    {
        var rows = records.Next();
        var start = Stopwatch.GetTimestamp();
        await plain.WriteAsync(rows);
        return records.BatchSize / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Quantile(double[] values, double q) => values.Order().ElementAt((int)(q * (values.Length - 1)));
}
