using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

public sealed class ConfigurationBindingTests
{
    internal const string Json = """
        {
          "ModelMonitoring": {
            "FlushInterval": "00:00:02",
            "AggregationWindow": "00:05:00",
            "BufferCapacity": 1024,
            "MaxClockSkew": "00:01:00",
            "Limits": { "MaxLabelLength": 64 },
            "Models": {
              "fraud": {
                "Version": "1.4.0",
                "Environment": "production",
                "NumericFeatures": [ "amount", "age", "account_age_days" ],
                "CategoricalFeatures": [ "country" ],
                "CustomMetrics": [ "review_queue" ],
                "Thresholds": {
                  "accuracy": { "Min": 0.85, "Severity": "Critical" },
                  "latency_p95_ms": { "MaxChangeFromBaseline": 1.0 },
                  "review_queue": { "Max": 100, "Aggregation": "Max" }
                },
                "Drift": {
                  "WindowSize": 2000,
                  "CheckInterval": "00:01:00",
                  "ReferenceFromFirst": 3000,
                  "DetectorOptions": { "DriftShare": 0.3, "Methods": { "amount": { "Method": "psi", "Threshold": 0.2 } } },
                  "Multivariate": { "Alpha": 0.01 }
                }
              },
              "churn": { "NumericFeatures": [ "tenure" ] }
            },
            "Alerting": {
              "RepeatInterval": "02:00:00",
              "Suppression": { "MaxNotifications": 3 },
              "Rules": [ { "Name": "errors-high", "Model": "fraud", "Metric": "error_rate", "Operator": ">", "Value": 0.05, "For": "00:05:00" } ],
              "Routes": { "Critical": [ "recording", "logger" ] },
              "Silences": [ { "AlertName": "drift.*", "StartsAt": "2026-01-01T00:00:00Z", "EndsAt": "2026-01-02T00:00:00Z" } ],
              "Escalation": [ { "After": "00:30:00", "Channels": [ "recording" ], "Severity": "Critical" } ]
            },
            "Storage": { "Sqlite": { "Path": "monitoring.db" } },
            "Channels": { "Slack": { "WebhookUrl": "https://hooks.example/x" } }
          }
        }
        """;

    internal static IConfigurationRoot Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static ModelMonitoringOptions Bind(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value;
    }

    [Fact]
    public void AddModelMonitoring_WithASection_BindsModelsFeaturesThresholdsDriftAlertingAndGlobalSettings()
    {
        var options = Bind(s => s.AddModelMonitoring(Configuration(Json).GetSection("ModelMonitoring")).AddAlertChannel(new RecordingAlertChannel()));

        options.FlushInterval.ShouldBe(TimeSpan.FromSeconds(2));
        options.AggregationWindow.ShouldBe(TimeSpan.FromMinutes(5));
        options.BufferCapacity.ShouldBe(1024);
        options.MaxClockSkew.ShouldBe(TimeSpan.FromMinutes(1));
        options.Limits.MaxLabelLength.ShouldBe(64);
        options.Models.Select(m => m.Name).Order().ShouldBe(["churn", "fraud"]);
        var fraud = options.Models.Single(m => m.Name == "fraud");
        fraud.ModelVersion.ShouldBe("1.4.0");
        fraud.ModelEnvironment.ShouldBe("production");
        fraud.NumericFeatureNames.ShouldBe(["amount", "age", "account_age_days"]);
        fraud.CategoricalFeatureNames.ShouldBe(["country"]);
        fraud.CustomMetricNames.ShouldBe(["review_queue"]);
        fraud.Thresholds.Single(t => t.Metric == WindowMetricNames.Accuracy).Min.ShouldBe(0.85);
        fraud.Thresholds.Single(t => t.Metric == WindowMetricNames.Accuracy).Severity.ShouldBe(AlertSeverity.Critical);
        fraud.Thresholds.Single(t => t.Metric == WindowMetricNames.LatencyP95).MaxChangeFromBaseline.ShouldBe(1.0);
        fraud.Thresholds.Single(t => t.Metric == "review_queue").Aggregation.ShouldBe(MetricAggregation.Max);
        var drift = fraud.DriftMonitoring.ShouldNotBeNull();
        drift.WindowSize.ShouldBe(2000);
        drift.CheckInterval.ShouldBe(TimeSpan.FromMinutes(1));
        drift.ReferenceFromFirst.ShouldBe(3000);
        drift.DetectorOptions.DriftShare.ShouldBe(0.3);
        drift.DetectorOptions.Methods["amount"].ShouldBe(new ModelMonitoring.Drift.FeatureDriftMethod("psi", 0.2));
        drift.Multivariate.ShouldNotBeNull().Alpha.ShouldBe(0.01);
        options.Alerting.RepeatInterval.ShouldBe(TimeSpan.FromHours(2));
        options.Alerting.Suppression.MaxNotifications.ShouldBe(3);
        options.Alerting.Rules.Single().Name.ShouldBe("errors-high");
        options.Alerting.Routes[AlertSeverity.Critical].ShouldBe(["recording", "logger"]);
        options.Alerting.Silences.Single().AlertName.ShouldBe("drift.*");
        options.Alerting.Escalation.Single().Channels.ShouldBe(["recording"]);
    }

    [Fact]
    public async Task AddModelMonitoring_WithASection_StartsAPipelineThatMonitorsTheConfiguredModels()
    {
        await using var test = TestPipeline.Create(_ => { }, b => b.Services.AddModelMonitoring(Configuration(Json).GetSection("ModelMonitoring")));

        test.Pipeline.Models.Select(m => m.Name).Order().ShouldBe(["churn", "fraud"]);
        test.Pipeline.Models.Single(m => m.Name == "fraud").NumericFeatures.ShouldBe(["amount", "age", "account_age_days"]);
    }

    [Fact]
    public void UnknownKeysAndBadValues_FailAtStartup_NamingEachKeyTogether()
    {
        const string bad = """
            { "ModelMonitoring": {
                "FlushIntervall": "00:00:01",
                "BufferCapacity": "lots",
                "Models": { "m": { "NumericFeatures": [ "x" ], "Featurez": [ "y" ], "Thresholds": { "error_rate": { "Maximum": 0.1 } },
                                   "Drift": { "Reference": "ref.csv" } } },
                "Alerting": { "Rulez": [], "Routes": { "Loud": [ "logger" ] } },
                "Limits": { "MaxLabelLen": 3 }
            } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Services.AddModelMonitoring(Configuration(bad).GetSection("ModelMonitoring")).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoring:FlushIntervall: 'FlushIntervall' is not a setting of ModelMonitoringOptions; use one of");
        error.Message.ShouldContain("ModelMonitoring:BufferCapacity");
        error.Message.ShouldContain("ModelMonitoring:Models:m:Featurez: 'Featurez' is not a setting of a model");
        error.Message.ShouldContain("ModelMonitoring:Models:m:Thresholds:error_rate");
        error.Message.ShouldContain("Maximum");
        error.Message.ShouldContain("ModelMonitoring:Models:m:Drift:Reference: a reference profile cannot be given in configuration");
        error.Message.ShouldContain("ModelMonitoring:Alerting:Rulez: 'Rulez' is not a setting of AlertingOptions");
        error.Message.ShouldContain("ModelMonitoring:Alerting:Routes:Loud: 'Loud' is not a severity");
        error.Message.ShouldContain("ModelMonitoring:Limits");
        error.Message.ShouldContain("MaxLabelLen");
    }

    [Fact]
    public void BoundValues_GoThroughTheSameValidatorsAsCode()
    {
        const string bad = """
            { "FlushInterval": "-00:00:01",
              "Models": { "m": { "NumericFeatures": [ "x", "x" ], "Thresholds": { "accuracy": { "Min": 0.9, "Max": 0.1 } } } } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Services.AddModelMonitoring(Configuration(bad)).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.FlushInterval: -00:00:01 is not allowed");
        error.Message.ShouldContain("Features: 'x' is declared more than once");
        error.Message.ShouldContain("Thresholds['accuracy']: Min (0.9) must not exceed Max (0.1)");
    }

    [Fact]
    public void BindingTheSameSectionTwice_DeclaresNoModelFeatureRuleSilenceOrLevelTwice()
    {
        var section = Configuration(Json).GetSection("ModelMonitoring");

        var options = Bind(s =>
        {
            s.AddModelMonitoring(section).AddAlerting(section.GetSection("Alerting")).AddAlertChannel(new RecordingAlertChannel());
            s.AddModelMonitoring(section);
        });

        options.Models.Count.ShouldBe(2);
        options.Models.Single(m => m.Name == "fraud").NumericFeatureNames.Count.ShouldBe(3);
        options.Models.Single(m => m.Name == "fraud").Thresholds.Count.ShouldBe(3);
        options.Alerting.Rules.Count.ShouldBe(1);
        options.Alerting.Silences.Count.ShouldBe(1);
        options.Alerting.Escalation.Count.ShouldBe(1);
        options.Alerting.Routes[AlertSeverity.Critical].Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StockConfigureOfTheRootSection_AndAddAlertingOfItsAlertingSection_StartWithEachRuleOnce(bool stockFirst)
    {
        var section = Configuration(RuleConfigurationJson).GetSection("ModelMonitoring");
        void Stock(IServiceCollection services) => services.Configure<ModelMonitoringOptions>(section);

        await using var test = TestPipeline.Create(
            o => o.AddModel("m", m => m.NumericFeatures("x")),
            b =>
            {
                if (stockFirst)
                {
                    Stock(b.Services);
                }

                b.AddAlerting(section.GetSection("Alerting"));
                if (!stockFirst)
                {
                    Stock(b.Services);
                }
            });

        var alerting = test.Pipeline.Services.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value.Alerting;
        alerting.Rules.Select(r => r.Name).ShouldBe(["errors-high"]);
        alerting.Silences.Count.ShouldBe(1);
        alerting.Escalation.Count.ShouldBe(1);
    }

    private const string RuleConfigurationJson = """
        { "ModelMonitoring": { "FlushInterval": "00:00:01", "Alerting": {
            "Rules": [ { "Name": "errors-high", "Model": "m", "Metric": "error_rate", "Operator": ">", "Value": 0.5 } ],
            "Silences": [ { "AlertName": "drift.*", "StartsAt": "2026-01-01T00:00:00Z", "EndsAt": "2026-01-02T00:00:00Z" } ],
            "Escalation": [ { "After": "00:30:00", "Channels": [ "recording" ] } ] } } }
        """;

    [Fact]
    public void CodeAndConfiguration_Compose_CodeRunningAfterTheBinding()
    {
        var options = Bind(s => s.AddModelMonitoring(Configuration(Json).GetSection("ModelMonitoring"))
            .AddAlertChannel(new RecordingAlertChannel())
            .Configure(o =>
            {
                o.AddModel("ranker", m => m.NumericFeatures("score"));
                o.FlushInterval = TimeSpan.FromSeconds(5);
                o.Alerting.Rules.Add(new AlertRule { Name = "slow", Metric = WindowMetricNames.LatencyP95, Value = 500 });
            }));

        options.Models.Select(m => m.Name).Order().ShouldBe(["churn", "fraud", "ranker"]);
        options.FlushInterval.ShouldBe(TimeSpan.FromSeconds(5));
        options.Alerting.Rules.Select(r => r.Name).ShouldBe(["errors-high", "slow"]);
    }

    [Fact]
    public void AConfiguredModelOfTheSameNameAsACodeModel_CompletesIt()
    {
        var options = Bind(s => s.AddModelMonitoring(o => o.AddModel("fraud", m => m.Version("2.0").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1)))
            .Services.AddModelMonitoring(Configuration("""{ "Models": { "fraud": { "NumericFeatures": [ "amount" ], "Thresholds": { "error_rate": { "Severity": "Critical" } } } } }""")));

        var fraud = options.Models.ShouldHaveSingleItem();
        fraud.ModelVersion.ShouldBe("2.0");
        fraud.NumericFeatureNames.ShouldBe(["amount"]);
        var threshold = fraud.Thresholds.ShouldHaveSingleItem();
        threshold.Max.ShouldBe(0.1);
        threshold.Severity.ShouldBe(AlertSeverity.Critical);
    }
}
