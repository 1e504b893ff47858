using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

/// <summary>MissingValues, quality thresholds and prediction drift from configuration, and the errors that name them.</summary>
public sealed class DataQualityConfigurationTests
{
    [Fact]
    public void Models_MissingValuesAndAQualityThreshold_AreBound()
    {
        const string json = """
            { "ModelMonitoring": { "Models": {
                "fraud": { "NumericFeatures": [ "amount" ], "CategoricalFeatures": [ "country" ], "MissingValues": "reject",
                           "Thresholds": { "quality.amount.missing_share": { "Max": 0.2 }, "quality.country.new_category_share": { "Max": 0.1 } } },
                "churn": { "NumericFeatures": [ "tenure" ] } } } }
            """;

        var options = Bind(json);

        options.Models.Single(m => m.Name == "fraud").MissingValueHandling.ShouldBe(MissingValueHandling.Reject);
        options.Models.Single(m => m.Name == "churn").MissingValueHandling.ShouldBe(MissingValueHandling.CountAsMissing);
        options.Models.Single(m => m.Name == "fraud").Thresholds.Select(t => t.Metric).ShouldBe(["quality.amount.missing_share", "quality.country.new_category_share"]);
    }

    [Fact]
    public void BadMissingValuesAndQualityThresholds_FailAtStartNamingEachSetting()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "fraud": {
                "NumericFeatures": [ "amount" ], "CategoricalFeatures": [ "country" ], "MissingValues": "Drop",
                "Thresholds": {
                  "quality.nope.missing_share": { "Max": 0.2 },
                  "quality.country.out_of_range_share": { "Max": 0.2 },
                  "quality.amount.new_category_share": { "Max": 0.2 } } } } } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring")).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoring:Models:fraud:MissingValues: 'Drop' is not allowed; use one of CountAsMissing, Reject.");
        error.Message.ShouldContain("Thresholds['quality.nope.missing_share']: 'quality.nope.missing_share' is not a data-quality metric of this model");
        error.Message.ShouldContain("Thresholds['quality.country.out_of_range_share']: 'quality.country.out_of_range_share' is not a data-quality metric of this model");
        error.Message.ShouldContain("Thresholds['quality.amount.new_category_share']: 'quality.amount.new_category_share' is not a data-quality metric of this model");
    }

    [Fact]
    public void UndefinedMissingValueHandlingInCode_FailsAtStartNamingTheSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b =>
            b.Configure(o => o.AddModel("fraud", m => m.NumericFeatures("amount").MissingValues((MissingValueHandling)7))).AddSink(new RecordingSink())));

        error.Message.ShouldContain("Models['fraud'].MissingValues: '7' is not allowed; use one of CountAsMissing, Reject.");
    }

    [Fact]
    public void AlertRuleOnAQualityMetricOfAnUndeclaredFeature_FailsAtStart()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b =>
            b.Configure(o =>
            {
                o.AddModel("fraud", m => m.NumericFeatures("amount"));
                o.Alerting.Rules.Add(new ModelMonitoring.Alerting.AlertRule { Name = "missing", Metric = "quality.age.missing_share", Operator = ">", Value = 0.1 });
            }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("'quality.age.missing_share', which no model it applies to produces");
    }

    [Fact]
    public void Drift_PredictionDriftAndAMethodForAnOutput_AreBound()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "fraud": { "NumericFeatures": [ "amount" ],
                "Drift": { "ReferenceFromFirst": 1000, "PredictionDrift": true,
                           "DetectorOptions": { "Methods": { "prediction.score": { "Method": "ks", "Threshold": 0.01 }, "prediction.class": { "Method": "chisquare", "Threshold": 0.01 } } } } } } } }
            """;

        var drift = Bind(json).Models.Single().DriftMonitoring.ShouldNotBeNull();

        drift.PredictionDrift.ShouldBeTrue();
        drift.DetectorOptions.Methods.Keys.Order(StringComparer.Ordinal).ShouldBe(["prediction.class", "prediction.score"]);
    }

    [Fact]
    public void PredictionDriftWithAFeatureNamedLikeAnOutput_OrAMethodForAnOutputWithoutIt_FailsAtStartNamingTheSetting()
    {
        const string json = """
            { "ModelMonitoring": { "Models": {
                "fraud": { "NumericFeatures": [ "prediction.score" ], "Drift": { "ReferenceFromFirst": 1000, "PredictionDrift": true } },
                "churn": { "NumericFeatures": [ "tenure" ], "Drift": { "ReferenceFromFirst": 1000, "DetectorOptions": { "Methods": { "prediction.score": { "Method": "ks", "Threshold": 0.01 } } } } },
                "ranker": { "NumericFeatures": [ "x" ], "Drift": { "PredictionDrift": "maybe" } } } } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring")).AddSink(new RecordingSink())));

        error.Message.ShouldContain("Models['fraud'].Drift.PredictionDrift: the feature 'prediction.score' has the name of a model output");
        error.Message.ShouldContain("Models['churn'].Drift.DetectorOptions.Methods['prediction.score']: 'prediction.score' is not a declared feature of the model.");
        error.Message.ShouldContain("ModelMonitoring:Models:ranker:Drift");
        error.Message.ShouldContain("maybe");
    }

    private static ModelMonitoringOptions Bind(string json)
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring"));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value;
    }
}
