using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Aggregation;

/// <summary>Thresholds and rules on metrics the application records with RecordMetric (issue 10, item 5).</summary>
public sealed class CustomMetricRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static TestPipeline Create(Action<ModelOptions> model, params AlertRule[] rules) => TestPipeline.Create(
        o =>
        {
            o.AggregationWindow = TimeSpan.FromMinutes(1);
            o.FlushInterval = TimeSpan.FromSeconds(1);
            o.AddModel("m", m => model(m.NumericFeatures("x")));
        },
        b => b.AddAlerting(a =>
        {
            foreach (var rule in rules)
            {
                a.Rules.Add(rule);
            }
        }),
        new FakeTimeProvider(Start));

    private static async Task WindowAsync(TestPipeline test, string metric, params double[] values)
    {
        var monitor = test.Pipeline.GetMonitor("m");
        foreach (var value in values)
        {
            monitor.RecordMetric(metric, value).ShouldBeTrue();
        }

        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    private static double[] Repeat(double value, int count) => Enumerable.Repeat(value, count).ToArray();

    [Fact]
    public async Task SuccessRateRule_ThirtyLowValues_FiresThroughTheAlertManager_AndResolvesWhenValuesRecover()
    {
        await using var test = Create(
            m => m.CustomMetrics("success_rate"),
            new AlertRule { Name = "success-low", Metric = "success_rate", Operator = "<", Value = 0.9 });

        await WindowAsync(test, "success_rate", Repeat(0.5, 30));

        var fired = test.Channel.Alerts.ShouldHaveSingleItem();
        fired.State.ShouldBe(AlertState.Firing);
        fired.Name.ShouldBe("success-low");
        fired.Metric.ShouldBe("success_rate");
        fired.Value.ShouldBe(0.5);
        fired.Threshold.ShouldBe(0.9);
        fired.Message.ShouldBe("m: success_rate (mean) = 0.5 < 0.9 (rule success-low).");
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem().Id.ShouldBe(fired.Id);

        await WindowAsync(test, "success_rate", Repeat(0.95, 30));

        test.Channel.Alerts.Count.ShouldBe(2);
        test.Channel.Alerts[1].State.ShouldBe(AlertState.Resolved);
        test.Channel.Alerts[1].Id.ShouldBe(fired.Id);
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var stored = (await test.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        stored.State.ShouldBe(AlertState.Resolved);
        stored.ResolvedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task LatencyRuleWithMaxAggregation_FiresOnOneSpike_WhereTheMeanStaysBelowTheLimit()
    {
        await using var test = Create(
            m => m.CustomMetrics("prediction_latency"),
            new AlertRule { Name = "latency-spike", Metric = "prediction_latency", Operator = ">", Value = 200, Aggregation = MetricAggregation.Max, Severity = AlertSeverity.Critical },
            new AlertRule { Name = "latency-mean", Metric = "prediction_latency", Operator = ">", Value = 200 });

        await WindowAsync(test, "prediction_latency", [.. Repeat(50, 99), 500]);

        var fired = test.Channel.Alerts.ShouldHaveSingleItem();
        fired.Name.ShouldBe("latency-spike");
        fired.Severity.ShouldBe(AlertSeverity.Critical);
        fired.Value.ShouldBe(500);
        fired.Message.ShouldContain("prediction_latency (max) = 500 > 200");
    }

    [Fact]
    public async Task PendingDuration_OnACustomMetric_FiresOnlyAfterTheConditionHeldThatLong()
    {
        await using var test = Create(
            m => m.CustomMetrics("success_rate"),
            new AlertRule { Name = "success-low", Metric = "success_rate", Operator = "<", Value = 0.9, For = TimeSpan.FromMinutes(2) });

        await WindowAsync(test, "success_rate", 0.5); // holds since the first window's end
        await WindowAsync(test, "success_rate", 0.5);
        test.Channel.Alerts.ShouldBeEmpty();
        await WindowAsync(test, "success_rate", 0.5); // the third window's end is two minutes later

        test.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
    }

    [Fact]
    public async Task ModelThresholdOnACustomMetric_LearnsItsBaseline_AndFiresOnRelativeChange()
    {
        await using var test = Create(m => m
            .CustomMetrics("queue_depth")
            .Threshold("queue_depth", t => { t.MaxChangeFromBaseline = 0.5; t.BaselineWindows = 2; t.Aggregation = MetricAggregation.Last; }));

        await WindowAsync(test, "queue_depth", 1, 100); // learning: last = 100
        await WindowAsync(test, "queue_depth", 1000, 200); // learning: last = 200, baseline 150
        await WindowAsync(test, "queue_depth", 500, 220); // +47 %: fine
        test.Channel.Alerts.ShouldBeEmpty();
        await WindowAsync(test, "queue_depth", 0, 230); // +53 %: fires

        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("threshold.queue_depth");
        alert.Baseline.ShouldBe(150);
        alert.Value.ShouldBe(230);
    }

    [Fact]
    public async Task WindowWithoutValuesOfTheMetric_IsNotEvaluated_AndUndeclaredNamesAreOnlyStored()
    {
        await using var test = Create(
            m => m.CustomMetrics("success_rate"),
            new AlertRule { Name = "success-low", Metric = "success_rate", Operator = "<", Value = 0.9 });

        await WindowAsync(test, "other_metric", Repeat(0.5, 5));
        var monitor = test.Pipeline.GetMonitor("m");
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1] });
        await WindowAsync(test, "other_metric", 0.1);

        test.Channel.Alerts.ShouldBeEmpty();
        test.Sink.Metrics.Count(m => m.Name == "other_metric").ShouldBe(6);
        test.Sink.Metrics.ShouldNotContain(m => m.Name == "success_rate");
    }

    [Theory]
    [InlineData(MetricAggregation.Mean, 2.5)]
    [InlineData(MetricAggregation.Last, 1)]
    [InlineData(MetricAggregation.Min, 1)]
    [InlineData(MetricAggregation.Max, 4)]
    [InlineData(MetricAggregation.Sum, 10)]
    [InlineData(MetricAggregation.Count, 4)]
    public void CustomMetricWindow_Aggregation_SummarisesTheWindowsValues(MetricAggregation aggregation, double expected)
    {
        var window = default(CustomMetricWindow);
        window.TryGet(aggregation, out _).ShouldBeFalse();

        // Drained out of time order: "last" is the value with the latest timestamp (1 at tick 40), not the last added.
        window.Add(4, utcTicks: 10);
        window.Add(1, utcTicks: 40);
        window.Add(3, utcTicks: 30);
        window.Add(2, utcTicks: 20);

        window.TryGet(aggregation, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Fact]
    public void CustomMetricWindow_MeanOfHugeValues_StaysFinite()
    {
        var window = default(CustomMetricWindow);
        window.Add(double.MaxValue, 1);
        window.Add(double.MaxValue, 2);

        window.TryGet(MetricAggregation.Mean, out var mean).ShouldBeTrue();
        mean.ShouldBe(double.MaxValue);
    }

    [Fact]
    public void RuleOnAMetricNothingProduces_FailsAtStartup_NamingTheRuleTheMetricAndTheFix()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m.NumericFeatures("x")))
            .AddAlerting(a => a.Rules.Add(new AlertRule { Name = "success-low", Metric = "success_rate", Operator = "<", Value = 0.9 }))));

        error.Message.ShouldContain("Alerting.Rules[0].Metric: rule 'success-low' names 'success_rate', which is not a window metric, a drift signal or a custom metric of a model it applies to");
        error.Message.ShouldContain("error_rate");
        error.Message.ShouldContain("declare it with ModelOptions.CustomMetrics(\"success_rate\")");
    }

    [Fact]
    public void RuleScopedToAModelThatDoesNotDeclareTheMetric_FailsAtStartup_ListingTheDeclaredNames()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o
                .AddModel("a", m => m.NumericFeatures("x").CustomMetrics("success_rate"))
                .AddModel("b", m => m.NumericFeatures("x").CustomMetrics("queue_depth")))
            .AddAlerting(a => a.Rules.Add(new AlertRule { Name = "r", Model = "b", Metric = "success_rate", Operator = "<", Value = 0.9 }))));

        error.Message.ShouldContain("rule 'r' names 'success_rate'");
        error.Message.ShouldContain("custom metrics declared in its scope: queue_depth");
        error.Message.ShouldContain("on model 'b'");
    }

    [Fact]
    public void InvalidCustomMetricSettings_FailAtStartup_NamingEachProblem()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("m", m => m
                .NumericFeatures("x")
                .CustomMetrics("error_rate", "ok", "ok", "bad name")
                .CustomMetrics([.. Enumerable.Range(0, ModelOptions.MaxCustomMetrics).Select(i => $"c{i}")])
                .Threshold("latency_p95_ms", t => { t.Max = 1; t.Aggregation = MetricAggregation.Max; })
                .Threshold("not_declared", t => t.Max = 1)))
            .AddAlerting(a => a.Rules.Add(new AlertRule { Name = "r", Metric = "error_rate", Value = 0.1, Aggregation = MetricAggregation.Last }))));

        error.Message.ShouldContain("Models['m'].CustomMetrics: 104 names are declared; at most 100 are allowed per model.");
        error.Message.ShouldContain("Models['m'].CustomMetrics: 'error_rate' is a built-in window metric");
        error.Message.ShouldContain("Models['m'].CustomMetrics: 'ok' is declared more than once.");
        error.Message.ShouldContain("Models['m'].CustomMetrics: 'bad name' is not allowed");
        error.Message.ShouldContain("Thresholds['latency_p95_ms'].Aggregation: 'latency_p95_ms' is a built-in window metric");
        error.Message.ShouldContain("Thresholds['not_declared']: 'not_declared' is not a window metric nor a custom metric of this model");
        error.Message.ShouldContain("Alerting.Rules[0].Aggregation: 'error_rate' is a built-in window metric");
    }

    [Fact]
    public async Task RuleForEveryModel_OnAMetricOneModelDeclares_StartsAndWatchesThatModel()
    {
        await using var test = TestPipeline.Create(
            o => o.AddModel("a", m => m.NumericFeatures("x").CustomMetrics("success_rate")).AddModel("b", m => m.NumericFeatures("x")),
            b => b.AddAlerting(a => a.Rules.Add(new AlertRule { Name = "success-low", Metric = "success_rate", Operator = "<", Value = 0.9 })),
            new FakeTimeProvider(Start));

        test.Pipeline.GetMonitor("a").RecordMetric("success_rate", 0.5).ShouldBeTrue();
        test.Pipeline.GetMonitor("b").RecordMetric("success_rate", 0.5).ShouldBeTrue();
        test.Clock.Advance(TimeSpan.FromMinutes(2));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Channel.Alerts.ShouldHaveSingleItem().Model.ShouldBe("a");
    }

    [Fact]
    public async Task DeclaredMetricThatIsNeverRecorded_IsReportedOnce_AfterTenWindows()
    {
        await using var test = Create(
            m => m.CustomMetrics("success_rate"),
            new AlertRule { Name = "success-low", Metric = "success_rate", Operator = "<", Value = 0.9 });

        for (var window = 0; window < ThresholdEvaluator.MissingCustomMetricWindows + 5; window++)
        {
            await WindowAsync(test, "sucess_rate", 0.5); // misspelt at the call
        }

        test.Channel.Alerts.ShouldBeEmpty();
        test.Logs.Lines.Where(l => l.Contains("[50]", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldContain("Model m has had no value of its custom metric success_rate in its first 10 closed windows, so the rules and thresholds on it (success-low) were not evaluated");
    }

    [Fact]
    public async Task RuleFromConfiguration_BindsItsAggregation_AndFires()
    {
        const string json = """{ "Rules": [ { "Name": "latency-spike", "Metric": "prediction_latency", "Operator": ">", "Value": 200, "Aggregation": "Max" } ] }""";
        var section = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        await using var test = TestPipeline.Create(
            o => o.AddModel("m", m => m.NumericFeatures("x").CustomMetrics("prediction_latency")),
            b => b.AddAlerting(section),
            new FakeTimeProvider(Start));

        await WindowAsync(test, "prediction_latency", 10, 300, 20);

        test.Channel.Alerts.ShouldHaveSingleItem().Value.ShouldBe(300);
    }
}
