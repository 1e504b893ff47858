using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task AlertRules_SavedThenRead_KeepEverySettingTheirStateAndWhoChangedThemWhen()
    {
        await using var store = await CreateStoreAsync();
        var rules = store.Rules.ShouldNotBeNull("the provider must pass its IAlertRuleStore to StoreUnderTest");
        var full = new ManagedAlertRule
        {
            Rule = new AlertRule
            {
                Name = "success-low",
                Model = "fraud",
                Environment = "prod",
                Metric = "success_rate",
                Aggregation = MetricAggregation.Max,
                Operator = "<=",
                Value = 0.875,
                Subject = RuleSubject.AbsoluteChangeFromBaseline,
                Baseline = 0.25,
                BaselineWindows = 17,
                For = TimeSpan.FromTicks(3_000_000_010),
                Severity = AlertSeverity.Critical,
            },
            Enabled = false,
            CreatedAt = At(1.000001),
            CreatedBy = "ana",
            UpdatedAt = At(2.5),
            UpdatedBy = "bo",
        };
        var drift = new ManagedAlertRule
        {
            Rule = new AlertRule { Name = "drift-any", Metric = "drift.*" },
            CreatedAt = At(3),
            CreatedBy = "cy",
            UpdatedAt = At(3),
            UpdatedBy = "cy",
        };

        await rules.SaveRuleAsync(drift);
        await rules.SaveRuleAsync(full);
        var read = await rules.GetRulesAsync();

        read.Count.ShouldBe(2);
        ShouldBeSameRule(read[0], full);
        ShouldBeSameRule(read[1], drift);
        read[1].Rule.Model.ShouldBeNull();
        read[1].Rule.Value.ShouldBeNull();
        read[1].Rule.Severity.ShouldBeNull();
    }

    [Fact]
    public async Task AlertRules_SavedAgainUnderTheSameName_AreReplaced_EnabledOrDisabled()
    {
        await using var store = await CreateStoreAsync();
        var rules = store.Rules.ShouldNotBeNull();
        var original = RuntimeRule("errors-high", value: 0.1, at: At(1));
        await rules.SaveRuleAsync(original);
        await rules.SaveRuleAsync(RuntimeRule("other", value: 0.2, at: At(2)));

        var updated = original with { Rule = RuntimeRule("errors-high", value: 0.3, at: At(1)).Rule, UpdatedAt = At(5), UpdatedBy = "bo" };
        await rules.SaveRuleAsync(updated);
        var afterUpdate = await rules.GetRulesAsync();
        await rules.SaveRuleAsync(updated with { Enabled = false, UpdatedAt = At(6), UpdatedBy = "cy" });
        var afterDisable = await rules.GetRulesAsync();
        await rules.SaveRuleAsync(updated with { Enabled = true, UpdatedAt = At(7), UpdatedBy = "di" });
        var afterEnable = await rules.GetRulesAsync();

        afterUpdate.Select(r => r.Rule.Name).ShouldBe(["errors-high", "other"]);
        ShouldBeSameRule(afterUpdate[0], updated);
        afterDisable[0].Enabled.ShouldBeFalse();
        afterDisable[0].UpdatedBy.ShouldBe("cy");
        afterDisable[0].UpdatedAt.ShouldBe(At(6));
        afterEnable[0].Enabled.ShouldBeTrue();
        afterEnable[0].UpdatedBy.ShouldBe("di");
        afterEnable[0].CreatedAt.ShouldBe(At(1));
        afterEnable[0].Rule.Value.ShouldBe(0.3);
        afterEnable[1].Rule.Value.ShouldBe(0.2);
    }

    [Fact]
    public async Task AlertRules_Deleted_AreGone_AndDeletingAMissingOneIsHarmless()
    {
        await using var store = await CreateStoreAsync();
        var rules = store.Rules.ShouldNotBeNull();
        await rules.SaveRuleAsync(RuntimeRule("a", value: 1, at: At(1)));
        await rules.SaveRuleAsync(RuntimeRule("b", value: 2, at: At(2)));

        await rules.DeleteRuleAsync("a");
        await rules.DeleteRuleAsync("never-saved");

        (await rules.GetRulesAsync()).ShouldHaveSingleItem().Rule.Name.ShouldBe("b");
    }

    [Fact]
    public async Task AlertRules_AreReadInTheOrderTheyWereCreated_ThenByName()
    {
        await using var store = await CreateStoreAsync();
        var rules = store.Rules.ShouldNotBeNull();
        await rules.SaveRuleAsync(RuntimeRule("late", value: 1, at: At(9)));
        await rules.SaveRuleAsync(RuntimeRule("z-early", value: 1, at: At(1)));
        await rules.SaveRuleAsync(RuntimeRule("a-early", value: 1, at: At(1)));
        await rules.SaveRuleAsync(RuntimeRule("middle", value: 1, at: At(5)) with { UpdatedAt = At(20) });

        (await rules.GetRulesAsync()).Select(r => r.Rule.Name).ShouldBe(["a-early", "z-early", "middle", "late"]);
    }

    private static ManagedAlertRule RuntimeRule(string name, double value, DateTimeOffset at) => new()
    {
        Rule = new AlertRule { Name = name, Metric = WindowMetricNames.ErrorRate, Value = value },
        CreatedAt = at,
        CreatedBy = "ana",
        UpdatedAt = at,
        UpdatedBy = "ana",
    };

    private static void ShouldBeSameRule(ManagedAlertRule actual, ManagedAlertRule expected)
    {
        actual.Enabled.ShouldBe(expected.Enabled);
        actual.Source.ShouldBe(AlertRuleSource.Runtime);
        actual.CreatedAt.ShouldBe(expected.CreatedAt);
        actual.CreatedBy.ShouldBe(expected.CreatedBy);
        actual.UpdatedAt.ShouldBe(expected.UpdatedAt);
        actual.UpdatedBy.ShouldBe(expected.UpdatedBy);
        var (a, e) = (actual.Rule, expected.Rule);
        (a.Name, a.Model, a.Environment, a.Metric, a.Aggregation, a.Operator).ShouldBe((e.Name, e.Model, e.Environment, e.Metric, e.Aggregation, e.Operator));
        (a.Value, a.Subject, a.Baseline, a.BaselineWindows, a.For, a.Severity).ShouldBe((e.Value, e.Subject, e.Baseline, e.BaselineWindows, e.For, e.Severity));
    }
}
