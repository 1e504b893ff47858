using System.Diagnostics;
using ModelMonitoring.PostgreSql;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Writing;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// Where one batch's write goes, phase by phase, on the provider's own code: taking a pooled connection, the
/// <c>COPY</c> of the ids into <c>prediction_ids</c>, the <c>COPY</c> of the rows into <c>predictions</c>, and the commit;
/// medians over the rounds. The model row is written once before the rounds, as a running service's is.
/// Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- postgres-phases [rounds] [batch size]</c>.
/// </summary>
internal static class PostgreSqlWritePhases
{
    public static async Task RunAsync(int rounds, int batchSize)
    {
        await using var bench = await BenchmarkStore.OpenAsync();
        var (server, dataSource, store) = (bench.Server, bench.DataSource, bench.Store);
        var records = new IngestRecords(batchSize);
        await store.WriteAsync(records.NextBatch(), CancellationToken.None);
        var sql = new SqlText(new PostgreSqlStorageOptions().Schema);
        var t = new double[5][];
        for (var k = 0; k < 5; k++)
        {
            t[k] = new double[rounds];
        }

        for (var r = -20; r < rounds; r++)
        {
            var batch = records.NextBatch();
            var s0 = Stopwatch.GetTimestamp();
            await using var connection = await dataSource.OpenConnectionAsync();
            var s1 = Stopwatch.GetTimestamp();
            await using var tx = await connection.BeginTransactionAsync();
            var firsts = PredictionCopier.FirstsInIdOrder(batch.Predictions.Span);
            await PredictionCopier.CopyIdsAsync(connection, sql, batch.Predictions, firsts, 30, default);
            var s2 = Stopwatch.GetTimestamp();
            await PredictionCopier.CopyPredictionsAsync(connection, sql, 1, batch.Predictions, firsts, 30, default);
            var s3 = Stopwatch.GetTimestamp();
            await tx.CommitAsync();
            var s4 = Stopwatch.GetTimestamp();
            if (r >= 0)
            {
                t[0][r] = Stopwatch.GetElapsedTime(s0, s1).TotalMilliseconds;
                t[1][r] = Stopwatch.GetElapsedTime(s1, s2).TotalMilliseconds;
                t[2][r] = Stopwatch.GetElapsedTime(s2, s3).TotalMilliseconds;
                t[3][r] = Stopwatch.GetElapsedTime(s3, s4).TotalMilliseconds;
                t[4][r] = Stopwatch.GetElapsedTime(s0, s4).TotalMilliseconds;
            }
        }

        string[] names = ["open", "ids copy", "predictions copy", "commit", "total"];
        Console.WriteLine($"{rounds} rounds of one batch of {batchSize:N0} predictions ({IngestRecords.Features} numeric features); {server.Description}");
        for (var k = 0; k < 5; k++)
        {
            Console.WriteLine($"{names[k],-18} median {t[k].Order().ElementAt(rounds / 2):F2} ms");
        }

        Console.WriteLine($"// load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
