using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Alerting;

/// <summary>Alert rules added, changed, disabled and deleted through <see cref="IAlertManager"/> while the pipeline runs.</summary>
public sealed class RuntimeRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero); // mid-window, so each minute closes one

    private static AlertRule ErrorsAbove(double value, string name = "errors-high") =>
        new() { Name = name, Model = "m", Metric = WindowMetricNames.ErrorRate, Operator = ">", Value = value };

    private static TestPipeline Create(Action<ModelMonitoringOptions>? configure = null) => TestPipeline.Create(
        o =>
        {
            o.AddModel("m", m => m.NumericFeatures("x").CustomMetrics("queue_depth"));
            configure?.Invoke(o);
        },
        clock: new FakeTimeProvider(Start));

    /// <summary>Records one window with an error rate of 0.5 and closes it (one evaluation).</summary>
    private static async Task CloseWindowWithHalfErrorsAsync(TestPipeline test)
    {
        var monitor = test.Pipeline.GetMonitor("m");
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1], Status = PredictionStatus.Error });
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1] });
        test.Clock.Advance(TimeSpan.FromMinutes(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task RuleAddedAtRunTime_FiresOnTheNextEvaluation_WithoutRestart()
    {
        await using var test = Create();
        await CloseWindowWithHalfErrorsAsync(test);
        test.Channel.Alerts.ShouldBeEmpty();

        var added = await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.3), "ana");
        await CloseWindowWithHalfErrorsAsync(test);

        added.Source.ShouldBe(AlertRuleSource.Runtime);
        added.Enabled.ShouldBeTrue();
        added.CreatedBy.ShouldBe("ana");
        added.CreatedAt.ShouldBe(Start.AddMinutes(1));
        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("errors-high");
        alert.Threshold.ShouldBe(0.3);
        test.Logs.Lines.ShouldContain(l => l.Contains("[160]", StringComparison.Ordinal) && l.Contains("errors-high", StringComparison.Ordinal) && l.Contains("by ana", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplicationAlert_NamedLikeARunTimeRule_IsRefused_EvenWhileTheRuleIsDisabled()
    {
        await using var test = Create();
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.3), "ana");
        await test.Pipeline.Alerts.SetRuleEnabledAsync("errors-high", enabled: false, "ana");

        var error = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.Alerts.RaiseAsync(
            new ApplicationAlert { Name = "errors-high", Severity = AlertSeverity.Warning, Message = "taken over" }));

        error.Message.ShouldStartWith("ApplicationAlert.Name: 'errors-high' is the name of an alert rule");
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task DisablingARule_StopsItWithinOneEvaluation_AndResolvesItsActiveAlert()
    {
        await using var test = Create();
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.3), "ana");
        await CloseWindowWithHalfErrorsAsync(test);
        var fired = (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();

        var disabled = (await test.Pipeline.Alerts.SetRuleEnabledAsync("errors-high", enabled: false, "bo")).ShouldNotBeNull();
        await CloseWindowWithHalfErrorsAsync(test);
        await CloseWindowWithHalfErrorsAsync(test);

        disabled.Enabled.ShouldBeFalse();
        disabled.UpdatedBy.ShouldBe("bo");
        disabled.CreatedBy.ShouldBe("ana");
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var resolved = (await test.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        resolved.Id.ShouldBe(fired.Id);
        resolved.State.ShouldBe(AlertState.Resolved);
        resolved.ResolvedBy.ShouldBe("bo");
        test.Channel.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        test.Channel.Alerts[1].Message.ShouldContain("alert rule 'errors-high' was disabled by bo");
        test.Logs.Lines.ShouldContain(l => l.Contains("[162]", StringComparison.Ordinal) && l.Contains("disabled", StringComparison.Ordinal) && l.Contains("1 active alert(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReenablingARule_FiresAgainOnTheNextEvaluation()
    {
        await using var test = Create();
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.3), "ana");
        await test.Pipeline.Alerts.SetRuleEnabledAsync("errors-high", enabled: false, "bo");
        await CloseWindowWithHalfErrorsAsync(test);
        test.Channel.Alerts.ShouldBeEmpty();

        await test.Pipeline.Alerts.SetRuleEnabledAsync("errors-high", enabled: true, "cy");
        await CloseWindowWithHalfErrorsAsync(test);

        test.Channel.Alerts.ShouldHaveSingleItem().Name.ShouldBe("errors-high");
    }

    [Fact]
    public async Task UpdatingTheThreshold_TakesEffectAtTheNextEvaluation()
    {
        await using var test = Create();
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.9), "ana");
        await CloseWindowWithHalfErrorsAsync(test);
        test.Channel.Alerts.ShouldBeEmpty();

        var updated = (await test.Pipeline.Alerts.UpdateRuleAsync(ErrorsAbove(0.3), "bo")).ShouldNotBeNull();
        await CloseWindowWithHalfErrorsAsync(test);
        var fired = test.Channel.Alerts.ShouldHaveSingleItem();
        await test.Pipeline.Alerts.UpdateRuleAsync(ErrorsAbove(0.6), "cy");
        await CloseWindowWithHalfErrorsAsync(test);

        updated.Rule.Value.ShouldBe(0.3);
        updated.CreatedBy.ShouldBe("ana");
        updated.UpdatedBy.ShouldBe("bo");
        updated.UpdatedAt.ShouldBe(Start.AddMinutes(1));
        fired.Threshold.ShouldBe(0.3);
        test.Channel.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        (await test.Pipeline.Alerts.GetRulesAsync()).ShouldHaveSingleItem().Rule.Value.ShouldBe(0.6);
    }

    [Fact]
    public async Task DeletingARule_StopsItAndResolvesItsAlert_AndAnUnknownNameIsReported()
    {
        await using var test = Create();
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.3), "ana");
        await CloseWindowWithHalfErrorsAsync(test);

        (await test.Pipeline.Alerts.DeleteRuleAsync("errors-high", "bo")).ShouldBeTrue();
        await CloseWindowWithHalfErrorsAsync(test);

        (await test.Pipeline.Alerts.DeleteRuleAsync("errors-high", "bo")).ShouldBeFalse();
        (await test.Pipeline.Alerts.SetRuleEnabledAsync("nope", enabled: false, "bo")).ShouldBeNull();
        (await test.Pipeline.Alerts.UpdateRuleAsync(ErrorsAbove(0.1, name: "nope"), "bo")).ShouldBeNull();
        (await test.Pipeline.Alerts.GetRulesAsync()).ShouldBeEmpty();
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        test.Channel.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
    }

    [Fact]
    public async Task ConfiguredRules_AreListedAsConfiguration_AndReadOnly()
    {
        await using var test = Create(o => o.Alerting.Rules.Add(ErrorsAbove(0.3, name: "configured")));
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.2, name: "mine"), "ana");

        var rules = await test.Pipeline.Alerts.GetRulesAsync();
        var update = await Should.ThrowAsync<InvalidOperationException>(() => test.Pipeline.Alerts.UpdateRuleAsync(ErrorsAbove(0.9, name: "configured"), "ana"));
        var disable = await Should.ThrowAsync<InvalidOperationException>(() => test.Pipeline.Alerts.SetRuleEnabledAsync("configured", enabled: false, "ana"));
        var delete = await Should.ThrowAsync<InvalidOperationException>(() => test.Pipeline.Alerts.DeleteRuleAsync("configured", "ana"));
        var add = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.9, name: "configured"), "ana"));
        await CloseWindowWithHalfErrorsAsync(test);

        rules.Select(r => (r.Rule.Name, r.Source, r.Enabled, r.CreatedBy)).ShouldBe([("configured", AlertRuleSource.Configuration, true, (string?)null), ("mine", AlertRuleSource.Runtime, true, "ana")]);
        foreach (var error in new Exception[] { update, disable, delete })
        {
            error.Message.ShouldContain("'configured'");
            error.Message.ShouldContain("comes from configuration");
        }

        add.Message.ShouldContain("rule.Name: a rule named 'configured' comes from configuration");
        test.Channel.Alerts.Select(a => (a.Name, a.Threshold)).ShouldBe([("configured", (double?)0.3), ("mine", 0.2)], ignoreOrder: true);
    }

    [Theory]
    [InlineData("value", "rule.Value: a metric rule needs a finite limit")]
    [InlineData("metric", "rule.Metric: rule 'bad' names 'no_such_metric', which is not a window metric")]
    [InlineData("model", "rule.Model: 'nope' is not a declared model")]
    [InlineData("operator", "rule.Operator: '=>' is not allowed")]
    [InlineData("for", "rule.For: -00:01:00 is not allowed")]
    [InlineData("name", "rule.Name: 'threshold.mine' is not allowed")]
    public async Task InvalidRule_IsRefusedWithAnArgumentExceptionNamingTheField(string problem, string expected)
    {
        await using var test = Create();
        var rule = new AlertRule { Name = "bad", Metric = WindowMetricNames.ErrorRate, Value = 0.1 };
        switch (problem)
        {
            case "value": rule.Value = null; break;
            case "metric": rule.Metric = "no_such_metric"; break;
            case "model": rule.Model = "nope"; break;
            case "operator": rule.Operator = "=>"; break;
            case "for": rule.For = TimeSpan.FromMinutes(-1); break;
            default: rule.Name = "threshold.mine"; break;
        }

        var error = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.Alerts.AddRuleAsync(rule, "ana"));
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.3, name: "good"), "ana");

        error.Message.ShouldContain(expected);
        error.ParamName.ShouldBe("rule");
        if (problem != "name")
        {
            // The same settings refused by an update, which leaves the rule as it was.
            rule.Name = "good";
            var update = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.Alerts.UpdateRuleAsync(rule, "ana"));
            update.Message.ShouldContain(expected.Replace("'bad'", "'good'", StringComparison.Ordinal));
        }

        (await test.Pipeline.Alerts.GetRulesAsync()).ShouldHaveSingleItem().Rule.Value.ShouldBe(0.3);
    }

    [Fact]
    public async Task RuleOnADeclaredCustomMetric_IsAccepted_AndANameInUseIsRefused()
    {
        await using var test = Create();

        await test.Pipeline.Alerts.AddRuleAsync(new AlertRule { Name = "queue", Model = "m", Metric = "queue_depth", Aggregation = MetricAggregation.Max, Value = 10 }, "ana");
        var again = await Should.ThrowAsync<ArgumentException>(() => test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.1, name: "queue"), "bo"));

        again.Message.ShouldContain("rule.Name: a run-time rule named 'queue' exists already");
        (await test.Pipeline.Alerts.GetRulesAsync()).ShouldHaveSingleItem().Rule.Metric.ShouldBe("queue_depth");
    }

    [Fact]
    public async Task ChangingTheRuleObjectAfterAddingIt_ChangesNothing()
    {
        await using var test = Create();
        var rule = ErrorsAbove(0.9);
        var added = await test.Pipeline.Alerts.AddRuleAsync(rule, "ana");

        rule.Value = 0.1;
        added.Rule.Value = 0.1;
        await CloseWindowWithHalfErrorsAsync(test);

        test.Channel.Alerts.ShouldBeEmpty();
        (await test.Pipeline.Alerts.GetRulesAsync()).ShouldHaveSingleItem().Rule.Value.ShouldBe(0.9);
    }

    [Fact]
    public async Task ConfigurationReload_KeepsRunTimeRules_AndAConfiguredRuleOfTheSameNameTakesPrecedence()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:AggregationWindow"] = "00:01:00",
            ["ModelMonitoring:Models:m:NumericFeatures:0"] = "x",
        }).Build();
        await using var test = TestPipeline.Create(_ => { }, b => b.Services.AddModelMonitoring(configuration.GetSection("ModelMonitoring")), new FakeTimeProvider(Start));
        await test.Pipeline.Alerts.AddRuleAsync(ErrorsAbove(0.3, name: "mine"), "ana");

        configuration["ModelMonitoring:Alerting:Rules:0:Name"] = "configured";
        configuration["ModelMonitoring:Alerting:Rules:0:Metric"] = "error_rate";
        configuration["ModelMonitoring:Alerting:Rules:0:Value"] = "0.9";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);
        test.Channel.Alerts.ShouldHaveSingleItem().Name.ShouldBe("mine");

        configuration["ModelMonitoring:Alerting:Rules:1:Name"] = "mine";
        configuration["ModelMonitoring:Alerting:Rules:1:Metric"] = "error_rate";
        configuration["ModelMonitoring:Alerting:Rules:1:Value"] = "0.9";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);

        // The configured "mine" (limit 0.9) now decides, and finds the condition cleared.
        test.Channel.Alerts.Select(a => (a.Name, a.State)).ShouldBe([("mine", AlertState.Firing), ("mine", AlertState.Resolved)]);
        (await test.Pipeline.Alerts.GetRulesAsync()).Select(r => (r.Rule.Name, r.Source)).ShouldBe([
            ("configured", AlertRuleSource.Configuration), ("mine", AlertRuleSource.Configuration), ("mine", AlertRuleSource.Runtime)]);
        test.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[166]", StringComparison.Ordinal) && l.Contains("mine", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnObservationEvaluatedBeforeItsRuleWasDisabled_RaisesNoAlert()
    {
        // The worker may have evaluated a window just before the rule is disabled and hand that observation over after.
        await using var harness = AlertHarness.Create();
        await harness.Manager.AddRuleAsync(new AlertRule { Name = "r", Metric = WindowMetricNames.ErrorRate, Value = 0.1 }, "ana");
        await harness.Manager.SetRuleEnabledAsync("r", enabled: false, "bo");

        await harness.CycleAsync(AlertHarness.Holds("r"));

        harness.Logger.Alerts.ShouldBeEmpty();
        (await harness.Manager.GetActiveAlertsAsync()).ShouldBeEmpty();
    }
}
