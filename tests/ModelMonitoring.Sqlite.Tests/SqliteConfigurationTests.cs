using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Storage;
using ModelMonitoring.Storage.ContractTests;

namespace ModelMonitoring.Sqlite.Tests;

public sealed class SqliteConfigurationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Create_WithPathInAMissingDirectory_FailsNamingThePathSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UseSqlite("/no/such/dir/x.db")));

        error.Message.ShouldContain("SqliteStorageOptions.Path");
        error.Message.ShouldContain("/no/such/dir");
        error.Message.ShouldContain("existing directory");
    }

    [Theory]
    [InlineData("", "must be set")]
    [InlineData("   ", "must be set")]
    [InlineData(":memory:", "in-memory")]
    [InlineData("file:monitoring.db?mode=memory", "URIs")]
    [InlineData("bad\0name.db", "not allowed in a path")]
    public void Validator_RejectsPathsTheStoreCannotOpen(string path, string reason)
    {
        var result = new SqliteStorageOptionsValidator().Validate(null, new SqliteStorageOptions { Path = path });

        result.Failed.ShouldBeTrue();
        var message = result.Failures.ShouldHaveSingleItem();
        message.ShouldStartWith("SqliteStorageOptions.Path: ");
        message.ShouldContain(reason);
        message.ShouldContain("monitoring.db");
    }

    [Fact]
    public void Validator_RejectsADirectoryAsThePath()
    {
        var result = new SqliteStorageOptionsValidator().Validate(null, new SqliteStorageOptions { Path = _directory.Path });

        result.Failures.ShouldHaveSingleItem().ShouldContain("is a directory");
    }

    [Fact]
    public void Validator_ReportsEveryBadSettingAtOnce()
    {
        var options = new SqliteStorageOptions { Path = string.Empty, BusyTimeout = TimeSpan.FromSeconds(-1), SynchronousMode = (SqliteSynchronousMode)7 };

        var failures = new SqliteStorageOptionsValidator().Validate(null, options).Failures.ShouldNotBeNull().ToList();

        failures.Count.ShouldBe(3);
        failures[1].ShouldStartWith("SqliteStorageOptions.BusyTimeout: ");
        failures[2].ShouldStartWith("SqliteStorageOptions.SynchronousMode: ");
    }

    [Fact]
    public void Validator_AcceptsAFileInAnExistingDirectory()
    {
        var options = new SqliteStorageOptions { Path = _directory.File("ok.db"), BusyTimeout = TimeSpan.Zero };

        new SqliteStorageOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Create_WithBusyTimeoutNotShorterThanSinkTimeout_FailsNamingBothSettings()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o =>
            {
                o.SinkTimeout = TimeSpan.FromSeconds(10);
                o.AddModel("m", m => m.NumericFeatures("x"));
            })
            .UseSqlite(o =>
            {
                o.Path = _directory.File("busy.db");
                o.BusyTimeout = TimeSpan.FromSeconds(30);
            })));

        error.Message.ShouldContain("SqliteStorageOptions.BusyTimeout: 00:00:30 is not allowed with ModelMonitoringOptions.SinkTimeout 00:00:10");
    }

    [Fact]
    public async Task UseSqlite_CalledTwice_RegistersOneStoreAsSinkAndReader()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring().UseSqlite(_directory.File("first.db")).UseSqlite(o => o.BusyTimeout = TimeSpan.FromSeconds(1));

        services.Count(d => d.ServiceType == typeof(IMetricSink)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IMonitoringReader)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<SqliteStorageOptions>)).ShouldBe(1);
        await using var provider = services.BuildServiceProvider();
        var sink = provider.GetRequiredService<IMetricSink>();
        sink.ShouldBeSameAs(provider.GetRequiredService<SqliteMonitoringStore>());
        await sink.WriteAsync(TestData.Batch(TestData.Schema("m"), [TestData.Prediction(TestData.At(1))]), CancellationToken.None);
        (await provider.GetRequiredService<IMonitoringReader>().GetPredictionSummaryAsync("m", TestData.At(0), TestData.At(2))).Count.ShouldBe(1);
        var options = provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;
        options.Path.ShouldBe(_directory.File("first.db"));
        options.BusyTimeout.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task UseSqlite_WithAConfigurationSection_BindsItsSettings()
    {
        var path = _directory.File("configured.db");
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Storage:Sqlite:Path"] = path,
            ["ModelMonitoring:Storage:Sqlite:BusyTimeout"] = "00:00:02",
            ["ModelMonitoring:Storage:Sqlite:SynchronousMode"] = "Full",
        }).Build().GetSection("ModelMonitoring");

        await using var pipeline = MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UseSqlite(section.GetSection("Storage:Sqlite")));

        var options = pipeline.Services.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;
        options.Path.ShouldBe(path);
        options.BusyTimeout.ShouldBe(TimeSpan.FromSeconds(2));
        options.SynchronousMode.ShouldBe(SqliteSynchronousMode.Full);
        File.Exists(path).ShouldBeTrue();
    }

    [Fact]
    public void UseSqlite_WithAnUnknownKeyInItsSection_FailsAtStartupNamingIt()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sqlite:Path"] = _directory.File("x.db"),
            ["Sqlite:BusyTimout"] = "00:00:02",
        }).Build().GetSection("Sqlite");

        var error = Should.Throw<InvalidOperationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .UseSqlite(section)));

        error.Message.ShouldContain("BusyTimout");
    }

    public void Dispose() => _directory.Dispose();
}
