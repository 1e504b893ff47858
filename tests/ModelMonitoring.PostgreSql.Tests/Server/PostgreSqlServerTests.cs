namespace ModelMonitoring.PostgreSql.Tests.Server;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlServerTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Server_AnswersOnItsOwnDatabase()
    {
        var database = await server.ScalarAsync("SELECT current_database();");
        var version = Convert.ToInt32(await server.ScalarAsync("SELECT current_setting('server_version_num')::int;"), System.Globalization.CultureInfo.InvariantCulture);

        database.ShouldBeOfType<string>().ShouldStartWith("mm_tests_");
        version.ShouldBeGreaterThanOrEqualTo(130000);
    }
}
