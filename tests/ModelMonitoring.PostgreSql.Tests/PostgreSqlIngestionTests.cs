using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Writing;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using Npgsql;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>
/// The prediction write path: the direct <c>COPY</c> when no id of a batch is stored, the staging table
/// when one is, including one that another replica inserted and has not committed yet.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlIngestionTests(PostgreSqlServer server)
{
    [Fact]
    public void FirstsInIdOrder_KeepsTheFirstPositionOfEachId_SortedById()
    {
        var low = new PredictionId(1, 1);
        var middle = new PredictionId(1, 2);
        var high = new PredictionId(2, 0);
        var predictions = new[] { high, low, middle, low, high, high }.Select(id => Prediction(At(0), id: id)).ToArray();

        PredictionCopier.FirstsInIdOrder(predictions).ShouldBe([1, 2, 0]);
    }

    [Fact]
    public void FirstsInIdOrder_OfAscendingIds_IsEveryPositionInOrder_AndOfAscendingIdsWithARepeat_SkipsTheRepeat()
    {
        var ascending = Enumerable.Range(1, 5).Select(i => Prediction(At(i), id: new PredictionId(3, (ulong)i))).ToArray();

        PredictionCopier.FirstsInIdOrder(ascending).ShouldBe([0, 1, 2, 3, 4]);
        PredictionCopier.FirstsInIdOrder([.. ascending[..3], ascending[2], .. ascending[3..]]).ShouldBe([0, 1, 2, 4, 5]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Batch_WithAnIdAnotherWriterInsertedUncommitted_WaitsForIt_ThenStoresTheIdOnlyIfThatWriterRolledBack(bool otherCommits)
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using var store = new PostgreSqlMonitoringStore(
            new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = null }, clock: null, loggerFactory: null);
        await store.OpenAsync(CancellationToken.None);
        var predictions = Enumerable.Range(0, 20).Select(i => Prediction(At(i), predictedClass: "a")).ToArray();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Another replica's batch, in the middle of its transaction, has claimed one of the ids.
        await using var other = await server.DataSource.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand($"INSERT INTO \"{schema}\".prediction_ids (prediction_id, ts) VALUES ($1, $2);", other))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = predictions[7].Id.ToGuid() });
            claim.Parameters.Add(new NpgsqlParameter { Value = At(7).UtcDateTime });
            await claim.ExecuteNonQueryAsync();
        }

        var writing = store.WriteAsync(Batch(Schema("raced"), predictions), hangGuard.Token).AsTask();
        await WaitUntilBlockedByAsync(other, hangGuard.Token);
        writing.IsCompleted.ShouldBeFalse();
        if (otherCommits)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        var result = await writing;
        var stored = await store.GetPredictionsAsync("raced", T0.AddDays(-1), T0.AddDays(1));

        var expected = otherCommits ? predictions.Where(p => p.Id != predictions[7].Id) : predictions;
        result.DuplicatePredictions.ShouldBe(otherCommits ? 1 : 0);
        stored.Select(p => p.Id).ShouldBe(expected.Select(p => p.Id));
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".prediction_ids;")).ShouldBe(20L);
    }

    [Fact]
    public async Task AWriteCancelledInTheMiddleOfItsCopy_StoresNothing_AndTheStoreWritesOnAfterwards()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using var store = new PostgreSqlMonitoringStore(
            new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = null }, clock: null, loggerFactory: null);
        await store.OpenAsync(CancellationToken.None);
        var model = Schema("cancelled");
        var many = Enumerable.Range(0, 200_000).Select(i => Prediction(At(0).AddTicks(i * 10), predictedClass: "a", segment: new string('s', 200))).ToArray();

        // Cancelled once the server has started on the batch: while the rows are still being sent.
        using var cancel = new CancellationTokenSource();
        var writing = store.WriteAsync(Batch(model, many), cancel.Token).AsTask();
        while ((long)(await server.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY \"{schema}\"%' OR query LIKE 'COPY {schema}%';"))! == 0 && !writing.IsCompleted)
        {
        }

        cancel.Cancel();
        var failure = await Should.ThrowAsync<Exception>(writing);
        failure.ShouldBeAssignableTo<OperationCanceledException>(failure.ToString());

        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(0L);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".prediction_ids;")).ShouldBe(0L);
        var after = Enumerable.Range(0, 10).Select(i => Prediction(At(i), predictedClass: "b")).ToArray();
        (await store.WriteAsync(Batch(model, after), CancellationToken.None)).DuplicatePredictions.ShouldBe(0);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(10L);
    }

    private async Task WaitUntilBlockedByAsync(NpgsqlConnection blocker, CancellationToken cancellationToken)
    {
        // Polls the server's lock table, not the clock: the store's COPY is waiting once a backend is blocked by the other transaction.
        var sql = $"SELECT count(*) FROM pg_stat_activity WHERE {blocker.ProcessID} = ANY (pg_blocking_pids(pid));";
        while ((long)(await server.ScalarAsync(sql))! == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
