using System.Text.RegularExpressions;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Tests.Server;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>The dashboard queries of the package README, taken from its text and run as a Grafana data source would run them.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed partial class DashboardQueryTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1).AddHours(1);

    [Fact]
    public void Readme_HasTheFourDashboardQueries()
    {
        Queries().Count.ShouldBe(4);
    }

    [Fact]
    public async Task PredictionsPerMinutePerModel()
    {
        var rows = await RunAsync(Queries()[0]);

        rows.Select(r => $"{Time(r[0]):HH:mm} {r[1]} {r[2]}").ShouldBe(["10:00 churn 1", "10:00 fraud 3", "10:01 fraud 2", "11:00 fraud 2"]);
        Time(rows[3][0]).ShouldBe(Day2);
    }

    [Fact]
    public async Task P95LatencyPerHour()
    {
        var rows = await RunAsync(Queries()[1]);

        // numpy.percentile([10, 20, 30, 40, 50], 95) == 48.0
        rows.Select(r => (Time(r[0]), (double)r[1]!)).ShouldBe([(Day1, 48.0), (Day2, 100.0)]);
    }

    [Fact]
    public async Task AccuracyPerDay()
    {
        var rows = await RunAsync(Queries()[2]);

        rows.Select(r => (Time(r[0]), Convert.ToDouble(r[1], System.Globalization.CultureInfo.InvariantCulture), (long)r[2]!))
            .ShouldBe([(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), 0.75, 4L), (new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.Zero), 1.0, 1L)]);
    }

    [Fact]
    public async Task FeatureMeanPerHour()
    {
        var rows = await RunAsync(Queries()[3]);

        rows.Select(r => (Time(r[0]), (double)r[1]!)).ShouldBe([(Day1, 300.0), (Day2, 50.0)]);
    }

    /// <summary>The SQL blocks of the README's "Dashboard queries" section.</summary>
    private static List<string> Queries()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documented", "README.md"));
        var start = readme.IndexOf("## Dashboard queries", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return [.. SqlBlock().Matches(section).Select(m => m.Groups[1].Value)];
    }

    private static DateTimeOffset Time(object? value) => new((DateTime)value!);

    /// <summary>Writes a known day and a half of two models into a fresh schema and runs the query there over [Jan 10, Jan 12).</summary>
    private async Task<List<object?[]>> RunAsync(string query)
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using (var store = new PostgreSqlMonitoringStore(
            new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = null }, new FakeTimeProvider(Day1), loggerFactory: null))
        {
            await WriteDataAsync(store);
        }

        var sql = query
            .Replace("model_monitoring.", $"\"{schema}\".", StringComparison.Ordinal)
            .Replace("$__timeFrom()", "'2026-01-10T00:00:00Z'::timestamptz", StringComparison.Ordinal)
            .Replace("$__timeTo()", "'2026-01-12T00:00:00Z'::timestamptz", StringComparison.Ordinal);
        await using var command = server.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    private static async Task WriteDataAsync(PostgreSqlMonitoringStore store)
    {
        var fraud = Schema("fraud", numeric: ["age", "amount"]);
        var p = new[]
        {
            Prediction(Day1.AddSeconds(5), latencyMs: 10, predictedClass: "fraud", numeric: [30, 100]),
            Prediction(Day1.AddSeconds(30), latencyMs: 20, predictedClass: "ok", numeric: [40, 200]),
            Prediction(Day1.AddSeconds(50), latencyMs: 30, predictedClass: "ok", numeric: [50, 300]),
            Prediction(Day1.AddSeconds(70), latencyMs: 40, predictedClass: "fraud", numeric: [60, 400]),
            Prediction(Day1.AddSeconds(80), latencyMs: 50, predictedClass: "ok", numeric: [70, 500]),
            Prediction(Day2, latencyMs: 100, predictedClass: "ok", numeric: [80, 50]),

            // A missing amount is stored as a NULL element, which avg() leaves out (as NaN it would make the mean NaN).
            Prediction(Day2.AddSeconds(1), latencyMs: 100, numeric: [90, double.NaN]),
        };
        await store.WriteAsync(Batch(fraud, p), CancellationToken.None);
        await store.WriteAsync(Batch(Schema("churn"), [Prediction(Day1.AddSeconds(10), latencyMs: 999, predictedClass: "stay")]), CancellationToken.None);

        // Labels arrive later; the third prediction was wrong, the fifth is never labelled.
        await store.WriteAsync(
            Batch(fraud, labels: [Label(p[0].Id, Day2, "fraud"), Label(p[1].Id, Day2, "ok"), Label(p[2].Id, Day2, "fraud"), Label(p[3].Id, Day2, "fraud"), Label(p[5].Id, Day2.AddHours(5), "ok")]),
            CancellationToken.None);
    }

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
