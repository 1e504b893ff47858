using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Alerting;

public sealed class RuleConfigurationTests
{
    private const string Json = """
        {
          "ModelMonitoring": {
            "Alerting": {
              "RepeatInterval": "02:00:00",
              "Suppression": { "MaxNotifications": 3, "Window": "00:30:00" },
              "Rules": [
                { "Name": "errors-high", "Model": "m", "Metric": "error_rate", "Operator": ">=", "Value": 0.5, "For": "00:02:00", "Severity": "Critical" },
                { "Name": "drift-any", "Metric": "drift.*", "For": "00:10:00" }
              ],
              "Escalation": [ { "After": "00:05:00", "Channels": [ "recording" ], "Severity": "Critical" } ],
              "Routes": { "Info": [ "logger" ] },
              "Silences": [ { "Model": "m", "AlertName": "drift.*", "StartsAt": "2026-01-01T00:00:00Z", "EndsAt": "2026-01-02T00:00:00Z" } ]
            }
          }
        }
        """;

    private static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public async Task RulesFromJson_AreBound_AndRaiseAlertsThroughThePipeline()
    {
        await using var test = TestPipeline.Create(
            o => o.AddModel("m", m => m.NumericFeatures("x")),
            b => b.AddAlerting(Configuration(Json).GetSection("ModelMonitoring:Alerting")),
            new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var options = test.Pipeline.Services.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value.Alerting;
        var monitor = test.Pipeline.GetMonitor("m");

        options.RepeatInterval.ShouldBe(TimeSpan.FromHours(2));
        options.Suppression.MaxNotifications.ShouldBe(3);
        options.Rules.Select(r => r.Name).ShouldBe(["errors-high", "drift-any"]);
        options.Rules[0].Operator.ShouldBe(">=");
        options.Rules[0].Severity.ShouldBe(AlertSeverity.Critical);
        options.Escalation.Single().Channels.ShouldBe(["recording"]);
        options.Routes[AlertSeverity.Info].ShouldBe(["logger"]);
        options.Silences.Single().EndsAt.ShouldBe(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));

        // error_rate = 0.5 meets ">= 0.5" from the first window on; the rule waits 2 minutes before firing.
        for (var window = 0; window < 4; window++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1], Status = PredictionStatus.Error });
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1] });
            test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(window == 0 ? 1 : 0));
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
            if (window < 2)
            {
                test.Channel.Alerts.ShouldBeEmpty();
            }
        }

        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("errors-high");
        alert.Severity.ShouldBe(AlertSeverity.Critical);
        alert.Metric.ShouldBe(WindowMetricNames.ErrorRate);
        alert.Value.ShouldBe(0.5);
        alert.Threshold.ShouldBe(0.5);
        alert.Message.ShouldContain(">= 0.5 (rule errors-high)");
    }

    [Fact]
    public void InvalidRulesFromConfiguration_FailAtStartup_NamingEachProblem()
    {
        const string bad = """
            { "Rules": [
                { "Name": "", "Metric": "error_rate", "Operator": ">", "Value": 1 },
                { "Name": "x", "Model": "nope", "Metric": "error_rate", "Operator": "=>", "For": "-00:01:00" },
                { "Name": "x", "Metric": "latency_p95_ms", "Value": 5 },
                { "Name": "drift.mine", "Metric": "" }
              ],
              "Escalation": [ { "After": "00:00:00" } ] }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .AddAlerting(Configuration(bad))));

        error.Message.ShouldContain("Alerting.Rules[0].Name: every rule needs a name.");
        error.Message.ShouldContain("Alerting.Rules[1].Model: 'nope' is not a declared model; use one of: m");
        error.Message.ShouldContain("Alerting.Rules[1].Operator: '=>' is not allowed; use one of >, <, >=, <=, ==, !=.");
        error.Message.ShouldContain("Alerting.Rules[1].Value: a metric rule needs a finite limit");
        error.Message.ShouldContain("Alerting.Rules[1].For: -00:01:00 is not allowed");
        error.Message.ShouldContain("Alerting.Rules[2].Name: the rule name 'x' is used twice");
        error.Message.ShouldContain("Alerting.Rules[3].Name: 'drift.mine' is not allowed");
        error.Message.ShouldContain("Alerting.Rules[3].Metric: name a window metric");
        error.Message.ShouldContain("Alerting.Escalation[0].After: 00:00:00 is not allowed");
        error.Message.ShouldContain("Alerting.Escalation[0].Channels: name at least one channel");
    }

    [Fact]
    public void UnknownKeyInConfiguration_FailsAtStartup_NamingIt()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .AddAlerting(Configuration("""{ "RepeatIntervall": "01:00:00" }"""))));

        error.Message.ShouldContain("RepeatIntervall");
    }

    [Theory]
    [InlineData(">", 0.5, 0.4, true)]
    [InlineData(">", 0.5, 0.5, false)]
    [InlineData(">=", 0.5, 0.5, true)]
    [InlineData("<", 0.5, 0.5, false)]
    [InlineData("<", 0.5, 0.6, true)]
    [InlineData("<=", 0.5, 0.5, true)]
    [InlineData("==", 0.5, 0.5, true)]
    [InlineData("==", 0.5, 0.6, false)]
    [InlineData("!=", 0.5, 0.6, true)]
    [InlineData("!=", 0.5, 0.5, false)]
    public void Operators_CompareTheWindowValueWithTheLimit(string op, double value, double limit, bool holds)
    {
        var evaluator = new ThresholdEvaluator(new ModelSchema("m", "1", "prod", ["x"], []), [], [new AlertRule { Name = "r", Metric = "error_rate", Operator = op, Value = limit }]);
        var observations = new List<Alert>();

        evaluator.Evaluate(new Dictionary<string, double> { ["error_rate"] = value }, DateTimeOffset.UnixEpoch, observations);

        observations.ShouldHaveSingleItem().State.ShouldBe(holds ? AlertState.Firing : AlertState.Resolved);
    }

    [Fact]
    public void ChangeFromBaselineRule_ComparesTheSignedRelativeChange_OnceTheBaselineIsLearned()
    {
        var rule = new AlertRule { Name = "r", Metric = "latency_mean_ms", Operator = ">", Value = 0.5, Subject = RuleSubject.ChangeFromBaseline, BaselineWindows = 2 };
        var evaluator = new ThresholdEvaluator(new ModelSchema("m", "1", "prod", ["x"], []), [], [rule]);
        var observations = new List<Alert>();

        foreach (var latency in new[] { 100.0, 200, 140, 226 })
        {
            evaluator.Evaluate(new Dictionary<string, double> { ["latency_mean_ms"] = latency }, DateTimeOffset.UnixEpoch, observations);
        }

        // learning, learning, 140 vs 150 is -7 % (clear), 226 vs 150 is +51 % (holds)
        observations.Select(o => o.State).ShouldBe([AlertState.Resolved, AlertState.Resolved, AlertState.Resolved, AlertState.Firing]);
        observations[3].Baseline.ShouldBe(150);
    }

    [Fact]
    public void RuleForAnotherModelOrEnvironment_DoesNotApply()
    {
        var schema = new ModelSchema("m", "1", "prod", ["x"], []);
        var evaluator = new ThresholdEvaluator(schema, [], [
            new AlertRule { Name = "other-model", Model = "n", Metric = "error_rate", Value = 0 },
            new AlertRule { Name = "other-env", Environment = "staging", Metric = "error_rate", Value = 0 },
            new AlertRule { Name = "mine", Environment = "prod", Metric = "error_rate", Value = 0 }]);
        var observations = new List<Alert>();

        evaluator.Evaluate(new Dictionary<string, double> { ["error_rate"] = 1 }, DateTimeOffset.UnixEpoch, observations);

        observations.ShouldHaveSingleItem().Name.ShouldBe("mine");
    }
}
