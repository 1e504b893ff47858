using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Trends;

namespace ModelMonitoring.PostgreSql.Tests.Maintenance;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRetentionConfigurationTests(PostgreSqlServer server)
{
    [Fact]
    public void Defaults_KeepWindowsAndHourlyRollups90Days_DailyRollupsTwoYears()
    {
        var options = new PostgreSqlStorageOptions();

        options.WindowRetention.ShouldBe(TimeSpan.FromDays(90));
        options.HourlyRollupRetention.ShouldBe(TimeSpan.FromDays(90));
        options.DailyRollupRetention.ShouldBe(TimeSpan.FromDays(730));
    }

    [Fact]
    public void Validator_WithRetentionsThatAreNotWholeDaysInRange_ReportsEachNamingTheSetting()
    {
        var options = new PostgreSqlStorageOptions
        {
            DataSource = server.DataSource,
            WindowRetention = TimeSpan.FromHours(12),
            HourlyRollupRetention = TimeSpan.FromDays(36_501),
            DailyRollupRetention = TimeSpan.Zero,
        };

        var failures = new PostgreSqlStorageOptionsValidator().Validate(null, options).Failures!.ToArray();

        failures.Length.ShouldBe(3);
        failures[0].ShouldBe("PostgreSqlStorageOptions.WindowRetention: 12:00:00 is not allowed; use whole days from 1 to 36,500 (such as 90.00:00:00), or null to keep the rows for ever.");
        failures[1].ShouldStartWith("PostgreSqlStorageOptions.HourlyRollupRetention: 36501.00:00:00 is not allowed");
        failures[2].ShouldStartWith("PostgreSqlStorageOptions.DailyRollupRetention: 00:00:00 is not allowed");
    }

    [Fact]
    public async Task UsePostgreSql_WithAConfigurationSection_BindsTheRetentions_AndRegistersTheTrendReader()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Storage:PostgreSql:ConnectionString"] = server.ConnectionString,
            ["ModelMonitoring:Storage:PostgreSql:Schema"] = PostgreSqlServer.NewSchemaName(),
            ["ModelMonitoring:Storage:PostgreSql:WindowRetention"] = "60.00:00:00",
            ["ModelMonitoring:Storage:PostgreSql:HourlyRollupRetention"] = "14.00:00:00",
            ["ModelMonitoring:Storage:PostgreSql:DailyRollupRetention"] = "",
        }).Build().GetSection("ModelMonitoring");

        await using var pipeline = MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UsePostgreSql(section.GetSection("Storage:PostgreSql")));

        var options = pipeline.Services.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value;
        options.WindowRetention.ShouldBe(TimeSpan.FromDays(60));
        options.HourlyRollupRetention.ShouldBe(TimeSpan.FromDays(14));
        options.DailyRollupRetention.ShouldBeNull();
        pipeline.Services.GetRequiredService<ITrendReader>().ShouldBeSameAs(pipeline.Services.GetRequiredService<PostgreSqlMonitoringStore>());
    }
}
