using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.DependencyInjection;

public class HostingTests
{
    [Fact]
    public async Task UnderAHost_StopFlushesEverythingRecorded()
    {
        var sink = new RecordingSink();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddModelMonitoring(o => o.AddModel("m", m => m.NumericFeatures("a"))).AddSink(sink);
        using var host = builder.Build();
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IModelMonitoring>().GetMonitor("m");
        for (var i = 0; i < 100; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i] });
        }

        await host.StopAsync();

        sink.Predictions.Count.ShouldBe(100);
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1] }).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task UnderAHost_BadConfigurationFailsAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddModelMonitoring(o => o.AddModel("m", m => m.NumericFeatures()));
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain("Models['m'].NumericFeatures");
    }

    [Fact]
    public void AddModelMonitoring_Twice_RegistersOnePipelineAndCombinesConfiguration()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring(o => o.AddModel("a")).AddSink(new RecordingSink());
        services.AddModelMonitoring(o => o.AddModel("b"));

        services.Count(d => d.ServiceType == typeof(IModelMonitoring)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IHostedService)).ShouldBe(1);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IModelMonitoring>().Models.Select(m => m.Name).ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task UnderAHost_WithoutAnyStorageProvider_FailsAtStartNamingWhatToAdd()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddModelMonitoring(o => o.AddModel("m", m => m.NumericFeatures("a")));
        using var host = builder.Build();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => host.StartAsync());

        error.Message.ShouldContain("No storage provider is registered");
        error.Message.ShouldContain("UseSqlite");
        error.Message.ShouldContain("AddSink");
    }

    [Fact]
    public void Create_WithoutAnyStorageProvider_FailsInsteadOfCountingRecordsAsStored()
    {
        var error = Should.Throw<InvalidOperationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("m", m => m.NumericFeatures("a")))));

        error.Message.ShouldContain("nothing would keep the records");
    }
}
