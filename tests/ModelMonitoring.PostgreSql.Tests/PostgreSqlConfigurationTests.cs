using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Storage;
using ModelMonitoring.Storage.ContractTests;

namespace ModelMonitoring.PostgreSql.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConfigurationTests(PostgreSqlServer server)
{
    [Fact]
    public void Create_WithoutAConnection_FailsNamingTheSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UsePostgreSql(o => o.Schema = "monitoring")));

        error.Message.ShouldContain("PostgreSqlStorageOptions.ConnectionString: must be set (or DataSource)");
    }

    [Fact]
    public void Validator_ReportsEveryBadSettingAtOnce()
    {
        var options = new PostgreSqlStorageOptions
        {
            ConnectionString = "Host=db;Nonsense=1",
            Schema = "Bad-Name",
            CommandTimeout = TimeSpan.Zero,
            RawPredictionRetention = TimeSpan.FromHours(36),
        };

        var failures = new PostgreSqlStorageOptionsValidator().Validate(null, options).Failures.ShouldNotBeNull().ToList();

        failures.Count.ShouldBe(4);
        failures[0].ShouldStartWith("PostgreSqlStorageOptions.ConnectionString: is not a valid Npgsql connection string");
        failures[1].ShouldStartWith("PostgreSqlStorageOptions.Schema: 'Bad-Name' is not allowed");
        failures[2].ShouldStartWith("PostgreSqlStorageOptions.CommandTimeout: ");
        failures[3].ShouldStartWith("PostgreSqlStorageOptions.RawPredictionRetention: 1.12:00:00 is not allowed; use whole days");
    }

    [Fact]
    public void Validator_NeverRepeatsTheConnectionString_WhichMayHoldAPassword()
    {
        var options = new PostgreSqlStorageOptions { ConnectionString = "Host=db;Password=s3cret;Bogus=x" };

        var failure = new PostgreSqlStorageOptionsValidator().Validate(null, options).Failures.ShouldHaveSingleItem();

        failure.ShouldNotContain("s3cret");
    }

    [Fact]
    public void Validator_RejectsBothAConnectionStringAndADataSource()
    {
        var options = new PostgreSqlStorageOptions { ConnectionString = server.ConnectionString, DataSource = server.DataSource };

        new PostgreSqlStorageOptionsValidator().Validate(null, options).Failures.ShouldHaveSingleItem().ShouldContain("not both");
    }

    [Fact]
    public void Validator_AcceptsTheDefaultsWithAConnectionString_AndRetentionOff()
    {
        new PostgreSqlStorageOptionsValidator().Validate(null, new PostgreSqlStorageOptions { ConnectionString = "Host=db;Database=m" }).Succeeded.ShouldBeTrue();
        new PostgreSqlStorageOptionsValidator().Validate(null, new PostgreSqlStorageOptions { DataSource = server.DataSource, RawPredictionRetention = null }).Succeeded.ShouldBeTrue();
        new PostgreSqlStorageOptions().RawPredictionRetention.ShouldBe(TimeSpan.FromDays(30));
    }

    [Fact]
    public void Create_WithCommandTimeoutNotShorterThanSinkTimeout_FailsNamingBothSettings()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o =>
            {
                o.SinkTimeout = TimeSpan.FromSeconds(10);
                o.AddModel("m", m => m.NumericFeatures("x"));
            })
            .UsePostgreSql(o =>
            {
                o.DataSource = server.DataSource;
                o.CommandTimeout = TimeSpan.FromSeconds(30);
            })));

        error.Message.ShouldContain("PostgreSqlStorageOptions.CommandTimeout: 00:00:30 is not allowed with ModelMonitoringOptions.SinkTimeout 00:00:10");
    }

    [Fact]
    public async Task UsePostgreSql_CalledTwice_RegistersOneStoreAsSinkReaderAlertRuleAndReferenceStore()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var services = new ServiceCollection();
        services.AddModelMonitoring().UsePostgreSql(server.DataSource).UsePostgreSql(o => o.Schema = schema);

        services.Count(d => d.ServiceType == typeof(IMetricSink)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IMonitoringReader)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IAlertStore)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IReferenceProfileStore)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IAlertRuleStore)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<PostgreSqlStorageOptions>)).ShouldBe(1);
        await using var provider = services.BuildServiceProvider();
        var sink = provider.GetRequiredService<IMetricSink>();
        sink.ShouldBeSameAs(provider.GetRequiredService<PostgreSqlMonitoringStore>());
        await sink.WriteAsync(TestData.Batch(TestData.Schema("m"), [TestData.Prediction(TestData.At(1))]), CancellationToken.None);
        (await provider.GetRequiredService<IMonitoringReader>().GetPredictionSummaryAsync("m", TestData.At(0), TestData.At(2))).Count.ShouldBe(1);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(1L);
        provider.GetRequiredService<IAlertRuleStore>().ShouldBeOfType<PostgreSqlAlertRuleStore>();
        (await provider.GetRequiredService<IAlertRuleStore>().GetRulesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UsePostgreSql_WithAConfigurationSection_BindsItsSettings()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Storage:PostgreSql:ConnectionString"] = server.ConnectionString,
            ["ModelMonitoring:Storage:PostgreSql:Schema"] = schema,
            ["ModelMonitoring:Storage:PostgreSql:CommandTimeout"] = "00:00:02",
            ["ModelMonitoring:Storage:PostgreSql:RawPredictionRetention"] = "7.00:00:00",
        }).Build().GetSection("ModelMonitoring");

        await using var pipeline = MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UsePostgreSql(section.GetSection("Storage:PostgreSql")));
        pipeline.GetMonitor("m").RecordPrediction(new Recording.Prediction { NumericFeatures = new[] { 1.0 } });
        (await pipeline.FlushAsync()).ShouldBeTrue();

        var options = pipeline.Services.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value;
        options.Schema.ShouldBe(schema);
        options.CommandTimeout.ShouldBe(TimeSpan.FromSeconds(2));
        options.RawPredictionRetention.ShouldBe(TimeSpan.FromDays(7));
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions;")).ShouldBe(1L);
    }

    [Fact]
    public void UsePostgreSql_WithAnUnknownKeyInItsSection_FailsAtStartupNamingIt()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PostgreSql:ConnectionString"] = "Host=db",
            ["PostgreSql:Shema"] = "x",
        }).Build().GetSection("PostgreSql");

        var error = Should.Throw<InvalidOperationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UsePostgreSql(section)));

        error.Message.ShouldContain("Shema");
    }
}
