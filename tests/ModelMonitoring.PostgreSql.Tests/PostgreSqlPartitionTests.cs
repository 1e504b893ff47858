using Microsoft.Extensions.Logging;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Partitions;
using ModelMonitoring.PostgreSql.Tests.Server;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.PostgreSql.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPartitionTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Open_CreatesTodaysPartitionAndTheNextSevenDays_WhereTodaysPredictionsGo()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using var store = Store(schema, new FakeTimeProvider(Day0), retentionDays: 30);

        await store.OpenAsync(CancellationToken.None);
        await store.WriteAsync(Batch(Schema("m"), [Prediction(Day0)]), CancellationToken.None);

        (await DaysAsync(schema)).ShouldBe(Days(new DateOnly(2026, 1, 10), new DateOnly(2026, 1, 17)));
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions_p20260110;")).ShouldBe(1L);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions_default;")).ShouldBe(0L);
    }

    [Fact]
    public async Task Maintenance_DropsPartitionsOlderThanTheRetention_KeepsNewerOnes_AndHandlesTheDefaultPartition()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Day0);
        await using var store = Store(schema, clock, retentionDays: 3);
        var model = Schema("kept");
        var expired = new[] { Prediction(Day0), Prediction(Day0.AddDays(1)) };
        var kept = Prediction(Day0.AddDays(2));
        var oldInDefault = Prediction(Day0.AddDays(-5));
        var futureInDefault = Prediction(Day0.AddDays(10));
        await store.WriteAsync(Batch(model, [.. expired, kept, oldInDefault, futureInDefault]), CancellationToken.None);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions_default;")).ShouldBe(2L);

        // Five days later, with 3 days of retention, the 10th and 11th are out; the 12th is kept.
        clock.Advance(TimeSpan.FromDays(5));
        await store.MaintainPartitionsAsync(CancellationToken.None);

        (await DaysAsync(schema)).ShouldBe(Days(new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 22)));
        var stored = await store.GetPredictionsAsync("kept", Day0.AddDays(-30), Day0.AddDays(30));
        stored.Select(p => p.Id).ShouldBe([kept.Id, futureInDefault.Id]);

        // The 20th got its partition and took its row over from the default partition; the expired row there was deleted.
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions_p20260120;")).ShouldBe(1L);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions_default;")).ShouldBe(0L);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".prediction_ids;")).ShouldBe(2L);
    }

    [Fact]
    public async Task Maintenance_WithoutRetention_DropsNothing()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Day0);
        await using var store = Store(schema, clock, retentionDays: null);
        await store.WriteAsync(Batch(Schema("m"), [Prediction(Day0), Prediction(Day0.AddYears(-1))]), CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(400));
        await store.MaintainPartitionsAsync(CancellationToken.None);

        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(2L);
        (await DaysAsync(schema)).ShouldContain(DateOnly.FromDateTime(Day0.UtcDateTime));
    }

    [Fact]
    public async Task Write_AfterTheMaintenanceInterval_CreatesTheNextDaysPartitions()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Day0);
        await using var store = Store(schema, clock, retentionDays: 30);
        await store.WriteAsync(Batch(Schema("m"), [Prediction(Day0)]), CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        await store.WriteAsync(Batch(Schema("m"), [Prediction(clock.GetUtcNow())]), CancellationToken.None);

        (await DaysAsync(schema)).Max().ShouldBe(new DateOnly(2026, 1, 18));
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions_p20260111;")).ShouldBe(1L);
    }

    [Fact]
    public async Task FailedMaintenance_DoesNotFailTheBatch_IsLoggedAndRetriedAMinuteLater()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Day0);
        using var logs = new Testing.CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using (var first = Store(schema, clock, retentionDays: 30))
        {
            await first.OpenAsync(CancellationToken.None);
        }

        // A table in the way of the 18th's partition makes creating it fail.
        await server.ExecuteAsync($"CREATE TABLE \"{schema}\".predictions_p20260118 (x int);");
        clock.Advance(TimeSpan.FromDays(1));
        await using var store = new PostgreSqlMonitoringStore(
            new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema }, clock, loggerFactory);

        var result = await store.WriteAsync(Batch(Schema("m"), [Prediction(clock.GetUtcNow())]), CancellationToken.None);
        await store.WriteAsync(Batch(Schema("m"), [Prediction(clock.GetUtcNow())]), CancellationToken.None);
        clock.Advance(PostgreSqlMonitoringStore.MaintenanceRetryInterval);
        await store.WriteAsync(Batch(Schema("m"), [Prediction(clock.GetUtcNow())]), CancellationToken.None);

        result.DuplicatePredictions.ShouldBe(0);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(3L);
        logs.Lines.Count(l => l.StartsWith("Warning ModelMonitoring.PostgreSql[1025] Partition maintenance", StringComparison.Ordinal)).ShouldBe(2);
    }

    private static DateOnly[] Days(DateOnly first, DateOnly last) =>
        [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)];

    private async Task<DateOnly[]> DaysAsync(string schema)
    {
        await using var connection = await server.DataSource.OpenConnectionAsync();
        var days = await PartitionMaintainer.ReadDaysAsync(connection, new SqlText(schema), CancellationToken.None);
        return [.. days.Order()];
    }

    private PostgreSqlMonitoringStore Store(string schema, TimeProvider clock, int? retentionDays) =>
        new(new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = retentionDays is { } d ? TimeSpan.FromDays(d) : null }, clock, loggerFactory: null);
}
