using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Storage;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>Several stores (as several replicas would have) writing to one schema at once.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlReplicaTests(PostgreSqlServer server)
{
    [Fact]
    public async Task StoresWritingOverlappingIdsAtOnce_StoreEachPredictionAndLabelOnce()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var model = Schema("shared", numeric: ["x"]);
        var predictions = Enumerable.Range(0, 400).Select(i => Prediction(At(i), predictedClass: "a", numeric: [i])).ToArray();
        var labels = predictions.Select(p => Label(p.Id, At(500), "a")).ToArray();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgreSqlMonitoringStore(
            new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = null }, clock: null, loggerFactory: null)).ToArray();
        try
        {
            // Every store writes every prediction and label, each in its own order, in batches of 100.
            var writing = stores.Select((store, s) => Task.Run(async () =>
            {
                var random = new Random(s);
                var results = new List<SinkWriteResult>();
                foreach (var chunk in predictions.OrderBy(_ => random.Next()).Chunk(100))
                {
                    results.Add(await store.WriteAsync(Batch(model, chunk, labels: [.. labels.OrderBy(_ => random.Next()).Take(50)]), CancellationToken.None));
                }

                return results.Sum(r => r.DuplicatePredictions);
            })).ToArray();
            var duplicates = await Task.WhenAll(writing);

            duplicates.Sum().ShouldBe(predictions.Length * (stores.Length - 1));
            var stored = await stores[0].GetPredictionsAsync("shared", T0.AddDays(-1), T0.AddDays(1));
            stored.Select(p => p.Id).ShouldBe(predictions.Select(p => p.Id), ignoreOrder: true);
            (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".prediction_ids;")).ShouldBe((long)predictions.Length);
            (await server.ScalarAsync($"SELECT count(*) = count(DISTINCT prediction_id) FROM \"{schema}\".ground_truth;")).ShouldBe(true);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
