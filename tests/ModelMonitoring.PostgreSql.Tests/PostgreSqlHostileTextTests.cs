using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>
/// Text PostgreSQL cannot store (a NUL character) or that is not Unicode (a lone surrogate) is refused when it is
/// recorded, counted, and costs nothing else: the batch it would have been part of is stored whole.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlHostileTextTests(PostgreSqlServer server)
{
    [Fact]
    public async Task APredictionWithTextThatCannotBeStored_IsRefusedAndCounted_AndTheOthersAreStored()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await using var test = TestPipeline.Create(
            o => o.AddModel("fraud", m => m.NumericFeatures("x").CategoricalFeatures("country")),
            builder => builder.UsePostgreSql(o => (o.DataSource, o.Schema) = (server.DataSource, schema)),
            clock);
        var monitor = test.Pipeline.GetMonitor("fraud");

        bool Record(string? predictedClass = "ok", string? country = "fr", string? segment = null, string? errorKind = null) => !monitor.RecordPrediction(new Prediction
        {
            NumericFeatures = [1],
            CategoricalFeatures = [country],
            PredictedClass = predictedClass,
            Segment = segment,
            ErrorKind = errorKind,
            Status = errorKind is null ? PredictionStatus.Success : PredictionStatus.Error,
        }).IsEmpty;

        for (var i = 0; i < 40; i++)
        {
            Record().ShouldBeTrue();
        }

        Record(predictedClass: "o\0k").ShouldBeFalse();
        Record(country: "f\0r").ShouldBeFalse();
        Record(segment: "\0").ShouldBeFalse();
        Record(errorKind: "Time\0out").ShouldBeFalse();
        Record(predictedClass: "lone " + (char)0xD800 + " surrogate").ShouldBeFalse();
        Record(country: ((char)0xDC00).ToString()).ShouldBeFalse();
        Record(segment: "pair \uD83D\uDE80 is fine", country: "日本").ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.InvalidValue).ShouldBe(6);
        statistics.Dropped.ShouldBe(6);
        statistics.Stored.ShouldBeGreaterThanOrEqualTo(41);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(41L);
        (await server.ScalarAsync($"SELECT segment FROM \"{schema}\".predictions WHERE segment IS NOT NULL;")).ShouldBe("pair 🚀 is fine");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0xD800)]
    public async Task ABatchHoldingTextTheServerRefuses_IsRejectedAsARecordRejection_AndNothingOfItIsStored(int character)
    {
        // Past the recording checks (a batch written to the store directly, as a custom pipeline could): the store tells
        // the pipeline the batch holds a record it refuses, so the pipeline looks for it instead of retrying the batch whole.
        var schema = PostgreSqlServer.NewSchemaName();
        await using var store = new Internal.PostgreSqlMonitoringStore(new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema }, clock: null, loggerFactory: null);
        var predictions = Enumerable.Range(0, 10).Select(i => ModelMonitoring.Storage.ContractTests.TestData.Prediction(ModelMonitoring.Storage.ContractTests.TestData.At(i), segment: i == 7 ? "bad " + (char)character : "ok")).ToArray();

        var refusal = await Should.ThrowAsync<ModelMonitoring.Storage.RecordRejectedException>(async () =>
            await store.WriteAsync(ModelMonitoring.Storage.ContractTests.TestData.Batch(ModelMonitoring.Storage.ContractTests.TestData.Schema("refused"), predictions), CancellationToken.None));

        refusal.Message.ShouldContain("nothing of the batch was stored");
        refusal.InnerException.ShouldNotBeNull();
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(0L);
    }
}
