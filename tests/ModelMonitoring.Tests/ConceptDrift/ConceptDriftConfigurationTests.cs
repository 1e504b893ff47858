using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.ConceptDrift;
using ModelMonitoring.Configuration;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.ConceptDrift;

public class ConceptDriftConfigurationTests
{
    [Fact]
    public void Defaults_AreStated()
    {
        var options = new ConceptDriftOptions();

        options.Metric.ShouldBeNull();
        options.Reference.ShouldBe(ConceptDriftReference.Trailing);
        options.ReferenceWindows.ShouldBe(24);
        options.CurrentWindows.ShouldBe(6);
        options.MinWindows.ShouldBe(3);
        options.Alpha.ShouldBe(0.05);
        options.MinDegradationPercent.ShouldBe(5);
        options.CriticalDegradationPercent.ShouldBe(20);
        options.Interval.ShouldBe(TimeSpan.FromMinutes(10));
        options.ReferenceFrom.ShouldBeNull();
    }

    [Fact]
    public void ASection_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Models:fraud:NumericFeatures:0"] = "a",
            ["ModelMonitoring:Models:fraud:ConceptDrift:Metric"] = "realized.f1_macro",
            ["ModelMonitoring:Models:fraud:ConceptDrift:Reference"] = "Fixed",
            ["ModelMonitoring:Models:fraud:ConceptDrift:ReferenceFrom"] = "2026-01-01T00:00:00Z",
            ["ModelMonitoring:Models:fraud:ConceptDrift:ReferenceTo"] = "2026-01-08T00:00:00Z",
            ["ModelMonitoring:Models:fraud:ConceptDrift:CurrentWindows"] = "12",
            ["ModelMonitoring:Models:fraud:ConceptDrift:MinWindows"] = "4",
            ["ModelMonitoring:Models:fraud:ConceptDrift:Alpha"] = "0.01",
            ["ModelMonitoring:Models:fraud:ConceptDrift:MinDegradationPercent"] = "2.5",
            ["ModelMonitoring:Models:fraud:ConceptDrift:CriticalDegradationPercent"] = "30",
            ["ModelMonitoring:Models:fraud:ConceptDrift:Interval"] = "00:30:00",
        }).Build();
        var options = new ModelMonitoringOptions();

        ModelMonitoringConfigurationBinder.Bind(configuration.GetSection("ModelMonitoring"), options);

        options.ConfigurationErrors.ShouldBeEmpty();
        var concept = options.Models.ShouldHaveSingleItem().ConceptDriftMonitoring.ShouldNotBeNull();
        concept.Metric.ShouldBe("realized.f1_macro");
        concept.Reference.ShouldBe(ConceptDriftReference.Fixed);
        concept.ReferenceFrom.ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        concept.ReferenceTo.ShouldBe(new DateTimeOffset(2026, 1, 8, 0, 0, 0, TimeSpan.Zero));
        (concept.CurrentWindows, concept.MinWindows, concept.Alpha).ShouldBe((12, 4, 0.01));
        (concept.MinDegradationPercent, concept.CriticalDegradationPercent).ShouldBe((2.5, 30));
        concept.Interval.ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void AnUnknownKey_FailsAtStartUp_NamingIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Models:fraud:NumericFeatures:0"] = "a",
            ["ModelMonitoring:Models:fraud:ConceptDrift:Alfa"] = "0.01",
        }).Build();

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Services.AddModelMonitoring(configuration.GetSection("ModelMonitoring")).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoring:Models:fraud:ConceptDrift");
        error.Message.ShouldContain("Alfa");
    }

    [Fact]
    public void BadSettings_FailAtStartUpTogether_NamingEachSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("fraud", m => m.NumericFeatures("a").ConceptDrift(c =>
            {
                c.Metric = "realized.support[x]";
                c.ReferenceWindows = 1;
                c.CurrentWindows = 20_000;
                c.MinWindows = 1;
                c.Alpha = 0;
                c.MinDegradationPercent = -1;
                c.CriticalDegradationPercent = double.NaN;
                c.Interval = TimeSpan.FromDays(2);
                c.ReferenceFrom = DateTimeOffset.UnixEpoch;
            }));
            o.AddModel("fixed", m => m.NumericFeatures("a").ConceptDrift(c =>
            {
                c.Reference = ConceptDriftReference.Fixed;
                c.ReferenceTo = DateTimeOffset.UnixEpoch;
            }));
            o.AddModel("later", m => m.NumericFeatures("a").ConceptDrift(c =>
            {
                c.Reference = ConceptDriftReference.Fixed;
                c.ReferenceFrom = DateTimeOffset.UnixEpoch.AddDays(1);
                c.ReferenceTo = DateTimeOffset.UnixEpoch;
            }));
            o.RealizedPerformance.Enabled = false;
        }).AddSink(new RecordingSink())));

        const string At = "ModelMonitoringOptions.Models['fraud'].ConceptDrift";
        error.Message.ShouldContain($"{At}.Metric: 'realized.support[x]' is not allowed; use a realized metric that is better higher or lower: realized.accuracy");
        error.Message.ShouldContain($"{At}.ReferenceWindows: 1 is not allowed; use a value from 2 to 10,000.");
        error.Message.ShouldContain($"{At}.CurrentWindows: 20000 is not allowed; use a value from 2 to 10,000.");
        error.Message.ShouldContain($"{At}.MinWindows: 1 is not allowed");
        error.Message.ShouldContain($"{At}.Alpha: 0 is not allowed");
        error.Message.ShouldContain($"{At}.MinDegradationPercent: -1 is not allowed");
        error.Message.ShouldContain($"{At}.CriticalDegradationPercent: NaN is not allowed");
        error.Message.ShouldContain($"{At}.Interval: 2.00:00:00 is not allowed; use a duration from 1 second to 1 day.");
        error.Message.ShouldContain($"{At}.ReferenceFrom: ReferenceFrom and ReferenceTo apply only to Reference Fixed, not Trailing");
        error.Message.ShouldContain("ModelMonitoringOptions.Models['fixed'].ConceptDrift.ReferenceFrom: a Fixed reference needs both ReferenceFrom and ReferenceTo.");
        error.Message.ShouldContain("ModelMonitoringOptions.Models['later'].ConceptDrift.ReferenceTo: 1970-01-01T00:00:00.0000000+00:00 is not allowed; use an instant after ReferenceFrom");
        error.Message.ShouldContain("ModelMonitoringOptions.RealizedPerformance.Enabled: false is not allowed while concept drift is checked (models fraud, fixed, later)");
    }

    [Fact]
    public void AStreamingDetectorNamedLikeAConceptDriftAlert_FailsAtStartUp()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
            o.AddModel("fraud", m => m.NumericFeatures("a").StreamingDetector("performance.realized.accuracy"))).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['fraud'].StreamingDetectors['performance.realized.accuracy'].Name: 'performance.realized.accuracy' is not allowed");
    }

    [Fact]
    public void ValidSettings_Start()
    {
        using var pipeline = MonitoringPipeline.Create(b => b.Configure(o =>
            o.AddModel("fraud", m => m.NumericFeatures("a").ConceptDrift(c => { c.Metric = "realized.mae"; c.Reference = ConceptDriftReference.First; }))).AddSink(new RecordingSink()));

        pipeline.ShouldNotBeNull();
    }
}
