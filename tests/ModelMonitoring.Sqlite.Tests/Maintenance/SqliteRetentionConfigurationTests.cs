using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Sqlite.Tests.Maintenance;

public sealed class SqliteRetentionConfigurationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Defaults_KeepRawData30Days_WindowsAndHourlyRollups90Days_DailyRollupsTwoYears()
    {
        var options = new SqliteStorageOptions();

        options.RawPredictionRetention.ShouldBe(TimeSpan.FromDays(30));
        options.WindowRetention.ShouldBe(TimeSpan.FromDays(90));
        options.HourlyRollupRetention.ShouldBe(TimeSpan.FromDays(90));
        options.DailyRollupRetention.ShouldBe(TimeSpan.FromDays(730));
    }

    [Fact]
    public void Validator_WithRetentionsThatAreNotWholeDaysInRange_ReportsEachNamingTheSetting()
    {
        var options = new SqliteStorageOptions
        {
            Path = _directory.File("ok.db"),
            RawPredictionRetention = TimeSpan.FromHours(36),
            WindowRetention = TimeSpan.Zero,
            HourlyRollupRetention = TimeSpan.FromDays(40_000),
            DailyRollupRetention = null,
        };

        var failures = new SqliteStorageOptionsValidator().Validate(null, options).Failures!.ToArray();

        failures.Length.ShouldBe(3);
        failures[0].ShouldBe("SqliteStorageOptions.RawPredictionRetention: 1.12:00:00 is not allowed; use whole days from 1 to 36,500 (such as 30.00:00:00), or null to keep the rows for ever.");
        failures[1].ShouldStartWith("SqliteStorageOptions.WindowRetention: 00:00:00 is not allowed");
        failures[2].ShouldStartWith("SqliteStorageOptions.HourlyRollupRetention: 40000.00:00:00 is not allowed");
    }

    [Fact]
    public async Task UseSqlite_WithAConfigurationSection_BindsTheRetentions_AndRegistersTheTrendReader()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Storage:Sqlite:Path"] = _directory.File("configured.db"),
            ["ModelMonitoring:Storage:Sqlite:RawPredictionRetention"] = "7.00:00:00",
            ["ModelMonitoring:Storage:Sqlite:WindowRetention"] = "60.00:00:00",
            ["ModelMonitoring:Storage:Sqlite:HourlyRollupRetention"] = "14.00:00:00",
            ["ModelMonitoring:Storage:Sqlite:DailyRollupRetention"] = "365.00:00:00",
        }).Build().GetSection("ModelMonitoring");

        await using var pipeline = MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UseSqlite(section.GetSection("Storage:Sqlite")));

        var options = pipeline.Services.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;
        options.RawPredictionRetention.ShouldBe(TimeSpan.FromDays(7));
        options.WindowRetention.ShouldBe(TimeSpan.FromDays(60));
        options.HourlyRollupRetention.ShouldBe(TimeSpan.FromDays(14));
        options.DailyRollupRetention.ShouldBe(TimeSpan.FromDays(365));
        pipeline.Services.GetRequiredService<ITrendReader>().ShouldBeSameAs(pipeline.Services.GetRequiredService<SqliteMonitoringStore>());
    }

    [Fact]
    public void Create_WithABadRetentionInConfiguration_FailsAtStartupNamingTheSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UseSqlite(o =>
            {
                o.Path = _directory.File("bad.db");
                o.WindowRetention = TimeSpan.FromMinutes(90);
            })));

        error.Message.ShouldContain("SqliteStorageOptions.WindowRetention: 01:30:00 is not allowed; use whole days");
    }

    public void Dispose() => _directory.Dispose();
}
