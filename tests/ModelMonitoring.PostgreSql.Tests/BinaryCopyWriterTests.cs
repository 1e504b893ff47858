using System.Text;
using ModelMonitoring.PostgreSql.Internal.Writing;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>
/// The ingestion path's own binary <c>COPY</c> encoder against Npgsql's: the same predictions, one table filled by each,
/// must hold the same values, column by column, for values at the edges of every column type.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class BinaryCopyWriterTests(PostgreSqlServer server)
{
    private const string TableColumns = """
        (model_id integer, prediction_id uuid, ts timestamptz, latency_ms double precision, status text, error_kind text,
         predicted_class text, predicted_value double precision, confidence double precision, input_hash bigint, segment text,
         numeric_features double precision[], categorical_features text[], class_probabilities double precision[])
        """;

    [Fact]
    public async Task PredictionRows_WrittenByTheEncoder_EqualThoseWrittenByNpgsqlsImporter_ValueForValue()
    {
        var predictions = EdgePredictions();
        var schema = PostgreSqlServer.NewSchemaName();
        await using var connection = await server.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".ours {TableColumns}; CREATE TABLE \"{schema}\".theirs {TableColumns};");

        var writer = await BinaryCopyWriter.BeginAsync(connection, $"COPY \"{schema}\".ours (model_id, {PredictionRow.Columns}) FROM STDIN (FORMAT BINARY)", 30, CancellationToken.None);
        await using (writer)
        {
            foreach (var prediction in predictions)
            {
                await writer.ReserveAsync(PredictionRow.RowSize(prediction), CancellationToken.None);
                PredictionRow.WriteRow(writer, 7, prediction);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"{schema}\".theirs (model_id, {PredictionRow.Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var prediction in predictions)
            {
                await WriteWithImporterAsync(importer, prediction);
            }

            await importer.CompleteAsync();
        }

        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".ours;")).ShouldBe((long)predictions.Length);
        (await server.ScalarAsync($"SELECT count(*) FROM (SELECT * FROM \"{schema}\".ours EXCEPT ALL SELECT * FROM \"{schema}\".theirs) d;")).ShouldBe(0L);
        (await server.ScalarAsync($"SELECT count(*) FROM (SELECT * FROM \"{schema}\".theirs EXCEPT ALL SELECT * FROM \"{schema}\".ours) d;")).ShouldBe(0L);

        // EXCEPT compares NaN and -0.0 by SQL equality; the stored bits are checked apart.
        (await server.ScalarAsync($"SELECT string_agg(numeric_features::text, '|' ORDER BY ts) FROM \"{schema}\".ours;"))
            .ShouldBe(await server.ScalarAsync($"SELECT string_agg(numeric_features::text, '|' ORDER BY ts) FROM \"{schema}\".theirs;"));
        (await server.ScalarAsync($"SELECT numeric_features::text FROM \"{schema}\".ours WHERE segment = 'edges';"))
            .ShouldBe("{NULL,Infinity,-Infinity,-0,5e-324,1.7976931348623157e+308,-1.5e-300,42}");
        (await server.ScalarAsync($"SELECT string_agg(class_probabilities::text, '|' ORDER BY ts) FROM \"{schema}\".ours;"))
            .ShouldBe(await server.ScalarAsync($"SELECT string_agg(class_probabilities::text, '|' ORDER BY ts) FROM \"{schema}\".theirs;"));
        (await server.ScalarAsync($"SELECT class_probabilities::text FROM \"{schema}\".ours WHERE segment = 'edges';"))
            .ShouldBe("{0.30000000000000004,0.3333333333333333,0,1,5e-324,-0}");
    }

    [Fact]
    public async Task AStringThatIsNotValidUnicode_FailsTheCopy_AndNothingIsStored()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using var connection = await server.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".ours {TableColumns};");
        var lone = Prediction(At(0), predictedClass: "a\uD800b");

        var writer = await BinaryCopyWriter.BeginAsync(connection, $"COPY \"{schema}\".ours (model_id, {PredictionRow.Columns}) FROM STDIN (FORMAT BINARY)", 30, CancellationToken.None);
        await using (writer)
        {
            await writer.ReserveAsync(PredictionRow.RowSize(Prediction(At(1))), CancellationToken.None);
            PredictionRow.WriteRow(writer, 7, Prediction(At(1)));
            await writer.ReserveAsync(PredictionRow.RowSize(lone), CancellationToken.None);
            Should.Throw<EncoderFallbackException>(() => PredictionRow.WriteRow(writer, 7, lone));
        }

        // The COPY was cancelled as the writer was disposed: the connection is usable and the table is empty.
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".ours;")).ShouldBe(0L);
        await ExecuteAsync(connection, "SELECT 1;");
    }

    private static PredictionRecord[] EdgePredictions()
    {
        var random = new Random(5);
        var rows = new List<PredictionRecord>
        {
            Prediction(At(0), latencyMs: 0.0001, predictedClass: "fraud", confidence: 1, numeric: [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, -1.5e-300, 42], segment: "edges",
                probabilities: [0.1 + 0.2, 1.0 / 3, 0, 1, double.Epsilon, -0.0]),
            Prediction(At(1), status: PredictionStatus.Error, predictedValue: double.MinValue, categorical: ["ü", null, "", "日本語 🚀"], segment: "unicode"),
            Prediction(At(2), predictedClass: new string('x', 100_000), segment: new string('é', 70_000)) with { ErrorKind = "Timeout", InputHash = ulong.MaxValue },
            Prediction(At(3), numeric: [double.NaN, double.NaN], categorical: [null]) with { InputHash = 0 },
            Prediction(new DateTimeOffset(2262, 4, 11, 23, 47, 16, TimeSpan.FromHours(5.5)).AddTicks(7)),
            Prediction(new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-3), latencyMs: 1e9),
            Prediction(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999)),
        };
        for (var i = 0; i < 5_000; i++)
        {
            // Enough rows to hand the buffer to the server several times.
            rows.Add(Prediction(At(10 + i), latencyMs: random.NextDouble() * 50, predictedClass: i % 3 == 0 ? null : "c" + i, confidence: random.NextDouble(),
                numeric: [.. Enumerable.Range(0, 10).Select(_ => random.NextDouble() * 1000 - 500)], categorical: ["k" + (i % 7)],
                probabilities: i % 2 == 0 ? null : [random.NextDouble(), random.NextDouble(), random.NextDouble()]) with { InputHash = (ulong)random.NextInt64() });
        }

        return [.. rows];
    }

    private static async Task WriteWithImporterAsync(NpgsqlBinaryImporter importer, PredictionRecord p)
    {
        await importer.StartRowAsync();
        await importer.WriteAsync(7, NpgsqlDbType.Integer);
        await importer.WriteAsync(p.Id.ToGuid(), NpgsqlDbType.Uuid);
        var ticks = p.Timestamp.UtcTicks;
        await importer.WriteAsync(new DateTime(ticks - (ticks % 10), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        await importer.WriteAsync(p.Latency.Ticks / (double)TimeSpan.TicksPerMillisecond, NpgsqlDbType.Double);
        await importer.WriteAsync(p.Status == PredictionStatus.Error ? "Error" : "Success", NpgsqlDbType.Text);
        await WriteOrNullAsync(importer, p.ErrorKind, NpgsqlDbType.Text);
        await WriteOrNullAsync(importer, p.PredictedClass, NpgsqlDbType.Text);
        await WriteOrNullAsync(importer, p.PredictedValue, NpgsqlDbType.Double);
        await WriteOrNullAsync(importer, p.Confidence, NpgsqlDbType.Double);
        await WriteOrNullAsync(importer, p.InputHash is { } h ? unchecked((long)h) : (long?)null, NpgsqlDbType.Bigint);
        await WriteOrNullAsync(importer, p.Segment, NpgsqlDbType.Text);
        await WriteOrNullAsync(importer, p.NumericFeatures.IsEmpty ? null : p.NumericFeatures.ToArray().Select(v => double.IsNaN(v) ? (double?)null : v).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
        await WriteOrNullAsync(importer, p.CategoricalFeatures.IsEmpty ? null : p.CategoricalFeatures.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        await WriteOrNullAsync(importer, p.ClassProbabilities.IsEmpty ? null : p.ClassProbabilities.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, type);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
