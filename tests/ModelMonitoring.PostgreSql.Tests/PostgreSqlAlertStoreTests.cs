using System.Text.Json;
using System.Text.RegularExpressions;
using ModelMonitoring.Alerting;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Tests.Server;
using Npgsql;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>How the PostgreSQL store keeps alerts beyond the contract: atomic saves, and the README's metadata query.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed partial class PostgreSqlAlertStoreTests(PostgreSqlServer server)
{
    [Fact]
    public async Task AlertSave_ThatFailsOnItsMetadata_LeavesTheStoredAlertAsItWas()
    {
        await using var store = Store(PostgreSqlServer.NewSchemaName());
        var alerts = new PostgreSqlAlertStore(store);
        var raised = Alert(Schema("app"), "model_failure", At(1)) with { Metadata = new Dictionary<string, string> { ["attempt"] = "1" } };
        await alerts.SaveAlertAsync(raised);

        // PostgreSQL text cannot hold U+0000: the metadata insert fails after the alert row was updated.
        var error = await Should.ThrowAsync<PostgresException>(() => alerts.SaveAlertAsync(raised with
        {
            State = AlertState.Resolved,
            ResolvedAt = At(2),
            Occurrences = 2,
            Metadata = new Dictionary<string, string> { ["attempt"] = "2", ["bad"] = "a\0b" },
        }));

        error.SqlState.ShouldBe(PostgresErrorCodes.CharacterNotInRepertoire);
        var stored = (await alerts.GetActiveAlertsAsync(AlertQuery.All)).ShouldHaveSingleItem();
        stored.State.ShouldBe(AlertState.Firing);
        stored.Occurrences.ShouldBe(1);
        stored.Metadata.ShouldBe(raised.Metadata);
    }

    [Fact]
    public async Task ReadmeMetadataQuery_ShowsEachActiveAlertWithItsMetadataInOrder()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using (var store = Store(schema))
        {
            var alerts = new PostgreSqlAlertStore(store);
            await alerts.SaveAlertAsync(Alert(Schema("app"), "model_failure", At(1), AlertSeverity.Critical) with
            {
                Metadata = new Dictionary<string, string> { ["zeta"] = "first", ["path"] = "/models/fraud.onnx", ["alpha"] = "last" },
                ExpiresAt = At(60),
                Occurrences = 3,
            });
            await alerts.SaveAlertAsync(Alert(Schema("app"), "rule", At(2)));
            await alerts.SaveAlertAsync(Alert(Schema("app"), "done", At(3), state: AlertState.Resolved) with { Metadata = new Dictionary<string, string> { ["k"] = "v" } });
        }

        var rows = await RunAsync(ReadmeQuery().Replace("model_monitoring.", $"\"{schema}\".", StringComparison.Ordinal));

        rows.Select(r => ((string)r[0]!, (string)r[1]!, (int)r[2]!)).ShouldBe([("model_failure", "Firing", 3), ("rule", "Firing", 1)]);
        new DateTimeOffset((DateTime)rows[0][3]!).ShouldBe(At(60));
        rows[1][3].ShouldBeNull();
        using var metadata = JsonDocument.Parse((string)rows[0][4]!);
        metadata.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ShouldBe([("zeta", "first"), ("path", "/models/fraud.onnx"), ("alpha", "last")]);
        rows[1][4].ShouldBeNull();
    }

    /// <summary>The SQL block of the README's "Schema" section.</summary>
    private static string ReadmeQuery()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documented", "README.md"));
        var start = readme.IndexOf("## Schema", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return SqlBlock().Matches(readme[start..end]).ShouldHaveSingleItem().Groups[1].Value;
    }

    private async Task<List<object?[]>> RunAsync(string sql)
    {
        await using var command = server.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private PostgreSqlMonitoringStore Store(string schema) =>
        new(new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema }, clock: null, loggerFactory: null);

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
