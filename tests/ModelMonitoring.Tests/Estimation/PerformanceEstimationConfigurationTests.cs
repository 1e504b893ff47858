using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Configuration;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>Performance estimation settings from code and appsettings.json, validated at start-up naming each setting.</summary>
public sealed class PerformanceEstimationConfigurationTests
{
    private static readonly Lazy<CbpeReference> Binary = new(() =>
    {
        var (predicted, confidences, actual) = new SimulatedClassifier(seed: 11, 2).Batch(2_000, 1.5);
        return CbpeReference.Create(predicted, confidences, actual);
    });

    [Fact]
    public void Defaults_AreStated()
    {
        var options = new PerformanceEstimationOptions();

        options.Reference.ShouldBeNull();
        options.Metrics.ShouldBe(EstimatedMetric.All);
        options.BandWidth.ShouldBe(3);
        options.MinWindowSize.ShouldBe(100);
        options.MaxWindowPredictions.ShouldBe(100_000);
        options.Severity.ShouldBe(AlertSeverity.Warning);
    }

    [Fact]
    public void SettingsFromConfiguration_ComposeWithTheReferenceFromCode_AndStart()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "fraud": {
                "NumericFeatures": [ "amount" ],
                "PerformanceEstimation": { "Metrics": "Accuracy, F1", "BandWidth": 1.96, "MinWindowSize": 500, "MaxWindowPredictions": 5000, "Severity": "Critical" }
            } } } }
            """;
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring"))
            .Configure(o => o.Models.Single(m => m.Name == "fraud").EstimatePerformance(e => e.Reference = Binary.Value))
            .AddSink(new RecordingSink());
        using var provider = services.BuildServiceProvider();

        var estimation = provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value.Models.Single().PerformanceEstimation.ShouldNotBeNull();

        estimation.Metrics.ShouldBe(EstimatedMetric.Accuracy | EstimatedMetric.F1);
        estimation.BandWidth.ShouldBe(1.96);
        estimation.MinWindowSize.ShouldBe(500);
        estimation.MaxWindowPredictions.ShouldBe(5000);
        estimation.Severity.ShouldBe(AlertSeverity.Critical);
        estimation.Reference.ShouldBeSameAs(Binary.Value);
    }

    [Fact]
    public void ConfigurationWithoutAReferenceInCode_FailsAtStartUpNamingTheSetting()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "fraud": { "NumericFeatures": [ "amount" ], "PerformanceEstimation": { "BandWidth": 2 } } } } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b =>
            b.Services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring")).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['fraud'].PerformanceEstimation.Reference: no labelled reference is set; set it in code with CbpeReference.Create(");
    }

    [Theory]
    [InlineData("\"Reference\": \"reference.csv\"", "ModelMonitoring:Models:fraud:PerformanceEstimation:Reference: the labelled reference cannot be given in configuration")]
    [InlineData("\"Metrics\": \"Accuracy, Auc\"", "ModelMonitoring:Models:fraud:PerformanceEstimation: Failed to convert configuration value 'Accuracy, Auc'")]
    [InlineData("\"BandWith\": 2", "'BandWith'")]
    public void BadConfiguration_FailsAtStartUpNamingTheSetting(string setting, string expected)
    {
        var json = $$"""
            { "ModelMonitoring": { "Models": { "fraud": { "NumericFeatures": [ "amount" ], "PerformanceEstimation": { {{setting}} } } } } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b =>
            b.Services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring")).AddSink(new RecordingSink())));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void BadSettings_FailAtStartUpTogether_NamingEachSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("fraud", m => m.EstimatePerformance(e =>
        {
            e.Reference = Binary.Value;
            e.Metrics = EstimatedMetric.None;
            e.BandWidth = 0;
            e.MinWindowSize = 1;
            e.MaxWindowPredictions = 0;
            e.Severity = (AlertSeverity)42;
        }))).AddSink(new RecordingSink())));

        const string at = "ModelMonitoringOptions.Models['fraud'].PerformanceEstimation";
        error.Message.ShouldContain($"{at}.Metrics: 'None' is not allowed; use one or more of Accuracy, Precision, Recall, F1, RocAuc, All.");
        error.Message.ShouldContain($"{at}.BandWidth: 0 is not allowed; use a number of standard deviations greater than 0 and at most 10");
        error.Message.ShouldContain($"{at}.MinWindowSize: 1 is not allowed; use a value from 2 to 10,000,000.");
        error.Message.ShouldContain($"{at}.MaxWindowPredictions: 0 is not allowed; use a value from MinWindowSize (1) to 10,000,000.");
        error.Message.ShouldContain($"{at}.Severity: '42' is not allowed");
    }

    [Fact]
    public void ARuleNamedLikeAnEstimateAlert_FailsAtStartUp_ButAThresholdOnAnEstimateIsAllowed()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("fraud", m => m
                .EstimatePerformance(e => e.Reference = Binary.Value)
                .Threshold(EstimatedMetricNames.Accuracy, t => t.Min = 0.8));
            o.Alerting.Rules.Add(new AlertRule { Name = "estimated.mine", Metric = EstimatedMetricNames.F1, Operator = "<", Value = 0.5 });
        }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("'estimated.mine' is not allowed; names starting with 'estimated.' are reserved for the alerts of performance estimation.");
        error.Message.ShouldNotContain("Thresholds['estimated.accuracy']");
        error.Message.ShouldNotContain("Metric: 'estimated.f1'");
    }

    [Fact]
    public void WithFleetWindows_FailsAtStartUpNamingTheSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.FleetWindows = true;
            o.AddModel("fraud", m => m.EstimatePerformance(e => e.Reference = Binary.Value));
        }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['fraud'].PerformanceEstimation: performance estimation does not run on fleet windows yet;");
    }

    [Fact]
    public void RocAucAlone_WithAMulticlassReference_FailsAtStartUp()
    {
        var (predicted, confidences, actual) = new SimulatedClassifier(seed: 12, 3).Batch(1_000, 2);
        var reference = CbpeReference.Create(predicted, confidences, actual);

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("m", m => m.EstimatePerformance(e =>
        {
            e.Reference = reference;
            e.Metrics = EstimatedMetric.RocAuc;
        }))).AddSink(new RecordingSink())));

        error.Message.ShouldContain("PerformanceEstimation.Metrics: RocAuc alone is not allowed with a reference of 3 classes");
    }

    [Theory]
    [InlineData(99, 0.5, "b", "has 99 rows; at least 100")]
    [InlineData(200, 1.5, "b", "confidence 1.5 is not between 0 and 1")]
    [InlineData(200, 0.5, "", "must not be null or empty")]
    [InlineData(200, 0.5, "same", "single true class")]
    public void CbpeReference_RejectsBadRows_NamingTheProblem(int rows, double confidence, string actual, string expected)
    {
        var predicted = Enumerable.Repeat("a", rows).ToArray();
        var confidences = Enumerable.Repeat(0.5, rows).ToArray();
        confidences[^1] = confidence;
        var actualClasses = Enumerable.Range(0, rows).Select(i => actual == "same" ? "a" : i % 2 == 0 ? "a" : "b").ToArray();
        actualClasses[^1] = actual == "same" ? "a" : actual;

        var error = Should.Throw<ArgumentException>(() => CbpeReference.Create(predicted, confidences, actualClasses));

        error.Message.ShouldContain(expected);
    }
}
