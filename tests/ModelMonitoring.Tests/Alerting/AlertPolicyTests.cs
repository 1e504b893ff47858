using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Configuration;
using static ModelMonitoring.Tests.Alerting.AlertHarness;

namespace ModelMonitoring.Tests.Alerting;

/// <summary>Suppression and escalation per alert name pattern, with the global settings as the fallback.</summary>
public sealed class AlertPolicyTests
{
    private static void SeedPolicies(AlertingOptions options)
    {
        options.Policies["model_failure"] = new AlertPolicy { Suppression = new() { MaxNotifications = 3, Window = TimeSpan.FromHours(1) } };
        options.Policies["performance_degradation"] = new AlertPolicy { Suppression = new() { MaxNotifications = 5, Window = TimeSpan.FromMinutes(30) } };
    }

    private static Alert[] OnModels(string name, int count, int from = 0) => [.. Enumerable.Range(from, count).Select(i => Holds(name, model: "m" + i))];

    private static int Sent(AlertHarness alerts, string name) => alerts.Logger.Alerts.Count(a => a.Name == name);

    [Fact]
    public async Task SeedExample_PerTypeLimitsApply_WhileAnotherTypeKeepsTheGlobalLimit()
    {
        await using var alerts = Create(SeedPolicies);

        await alerts.CycleAsync([.. OnModels("model_failure", 6), .. OnModels("performance_degradation", 8), .. OnModels("data_quality", 12)]);

        Sent(alerts, "model_failure").ShouldBe(3);
        Sent(alerts, "performance_degradation").ShouldBe(5);
        Sent(alerts, "data_quality").ShouldBe(10); // the global default: 10 per hour

        await alerts.AdvanceAsync(TimeSpan.FromMinutes(30), [.. OnModels("model_failure", 2, from: 10), .. OnModels("performance_degradation", 2, from: 10)]);
        Sent(alerts, "model_failure").ShouldBe(3); // its window is an hour
        Sent(alerts, "performance_degradation").ShouldBe(7); // its window of 30 minutes has passed

        await alerts.AdvanceAsync(TimeSpan.FromMinutes(30), OnModels("model_failure", 1, from: 20));
        Sent(alerts, "model_failure").ShouldBe(4);
        alerts.Notifier.Suppressed.ShouldBe(3 + 3 + 2 + 2);
    }

    [Fact]
    public async Task ApplicationAlerts_FollowThePolicyOfTheirName()
    {
        await using var alerts = Create(SeedPolicies);

        foreach (var model in Enumerable.Range(0, 4).Select(i => "m" + i))
        {
            await alerts.Manager.RaiseAsync(new ApplicationAlert { Name = "model_failure", Message = "down", Model = model });
        }

        (await alerts.Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        alerts.Logger.Alerts.Count.ShouldBe(3);
        (await alerts.Manager.GetActiveAlertsAsync()).Count(a => a.SuppressedCount == 1).ShouldBe(1);
    }

    [Fact]
    public async Task Precedence_ExactNameBeatsTheLongestPrefixWhichBeatsAShorterOneWhichBeatsTheGlobalPolicy()
    {
        await using var alerts = Create(o =>
        {
            o.Suppression.MaxNotifications = 4;
            o.Policies["drift.*"] = new AlertPolicy { Suppression = new() { MaxNotifications = 1 } };
            o.Policies["drift.am*"] = new AlertPolicy { Suppression = new() { MaxNotifications = 2 } };
            o.Policies["drift.amount"] = new AlertPolicy { Suppression = new() { MaxNotifications = 3 } };
        });

        await alerts.CycleAsync([.. OnModels("drift.amount", 6), .. OnModels("drift.ambient", 6), .. OnModels("drift.age", 6), .. OnModels("error_rate", 6)]);

        Sent(alerts, "drift.amount").ShouldBe(3);
        Sent(alerts, "drift.ambient").ShouldBe(2);
        Sent(alerts, "drift.age").ShouldBe(1);
        Sent(alerts, "error_rate").ShouldBe(4);
    }

    [Fact]
    public async Task Escalation_PerType_AndAPolicyWithoutEscalationInheritsTheGlobalOne()
    {
        await using var alerts = Create(
            o =>
            {
                o.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(30), Channels = { "slack" } });
                o.Policies["model_failure"] = new AlertPolicy { Escalation = [new EscalationLevel { After = TimeSpan.FromMinutes(5), Channels = { "pager" }, Severity = AlertSeverity.Critical }] };
                o.Policies["performance_degradation"] = new AlertPolicy { Suppression = new() { MaxNotifications = 5 } };
                o.Routes[AlertSeverity.Warning] = ["logger"];
            },
            store: null,
            clock: null,
            "logger",
            "slack",
            "pager");

        await alerts.CycleAsync(Holds("model_failure"), Holds("performance_degradation"), Holds("error_rate"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(5));

        var paged = alerts.Channels["pager"].Alerts.ShouldHaveSingleItem();
        paged.Name.ShouldBe("model_failure");
        paged.Severity.ShouldBe(AlertSeverity.Critical);
        alerts.Channels["slack"].Alerts.ShouldBeEmpty();

        await alerts.AdvanceAsync(TimeSpan.FromMinutes(25));

        alerts.Channels["slack"].Alerts.Select(a => a.Name).ShouldBe(["performance_degradation", "error_rate"], ignoreOrder: true);
        alerts.Channels["pager"].Alerts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Reload_AppliesChangedPolicies()
    {
        await using var alerts = Create(o => o.Policies["model_failure"] = new AlertPolicy { Suppression = new() { MaxNotifications = 1 } });
        await alerts.CycleAsync(OnModels("model_failure", 2));
        Sent(alerts, "model_failure").ShouldBe(1);

        var reloaded = new AlertingOptions();
        reloaded.Policies["model_failure"] = new AlertPolicy { Suppression = new() { MaxNotifications = 3 } };
        alerts.Manager.Reload(reloaded);
        await alerts.CycleAsync(OnModels("model_failure", 4, from: 10));

        Sent(alerts, "model_failure").ShouldBe(4); // a new cap starts counting afresh
    }

    [Fact]
    public async Task ConfigurationReload_AppliesChangedPoliciesToThePipeline()
    {
        const string Cap = "ModelMonitoring:Alerting:Policies:model_failure:Suppression:MaxNotifications";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Models:fraud:NumericFeatures:0"] = "amount",
            [Cap] = "1",
        }).Build();
        await using var test = TestPipeline.Create(_ => { }, b => b.Services.AddModelMonitoring(configuration.GetSection("ModelMonitoring")));
        async Task RaiseAsync(string model) => await test.Pipeline.Alerts.RaiseAsync(new ApplicationAlert { Name = "model_failure", Message = "down", Model = model });

        await RaiseAsync("a");
        await RaiseAsync("b");
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        test.Channel.Alerts.Count.ShouldBe(1);

        configuration[Cap] = "3";
        configuration.Reload();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue(); // the worker's cycle takes the new settings
        await RaiseAsync("c");
        await RaiseAsync("d");
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Channel.Alerts.Select(a => a.Model).ShouldBe(["a", "c", "d"]);
        test.Pipeline.GetStatistics().ConfigurationReloadsRejected.ShouldBe(0);
    }

    private const string Json = """
        {
          "ModelMonitoring": {
            "Models": { "fraud": { "NumericFeatures": [ "amount" ] } },
            "Alerting": {
              "Policies": {
                "model_failure": { "Suppression": { "MaxNotifications": 3, "Window": "01:00:00" } },
                "performance_degradation": { "Suppression": { "MaxNotifications": 5, "Window": "00:30:00" } },
                "drift.*": { "Escalation": [ { "After": "00:10:00", "Channels": [ "recording" ], "Severity": "Critical" } ] }
              }
            }
          }
        }
        """;

    private static ModelMonitoringOptions Bind(string json, bool twice = false)
    {
        var section = ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring");
        var services = new ServiceCollection();
        var builder = services.AddModelMonitoring(section).AddAlertChannel(new RecordingAlertChannel());
        if (twice)
        {
            builder.AddAlerting(section.GetSection("Alerting"));
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Policies_BindFromJsonConfiguration_OnceWhateverHowOftenTheSectionIsBound(bool twice)
    {
        var options = Bind(Json, twice);

        var policies = options.Alerting.Policies;
        policies.Keys.ShouldBe(["model_failure", "performance_degradation", "drift.*"], ignoreOrder: true);
        policies["model_failure"].Suppression.ShouldNotBeNull().MaxNotifications.ShouldBe(3);
        policies["model_failure"].Suppression!.Window.ShouldBe(TimeSpan.FromHours(1));
        policies["model_failure"].Escalation.ShouldBeNull();
        policies["performance_degradation"].Suppression!.Window.ShouldBe(TimeSpan.FromMinutes(30));
        var level = policies["drift.*"].Escalation.ShouldNotBeNull().ShouldHaveSingleItem();
        level.After.ShouldBe(TimeSpan.FromMinutes(10));
        level.Channels.ShouldBe(["recording"]);
        level.Severity.ShouldBe(AlertSeverity.Critical);
        policies["drift.*"].Suppression.ShouldBeNull();
    }

    [Fact]
    public void InvalidPolicies_FailAtStartUp_NamingEverySetting()
    {
        var json = Json
            .Replace("\"MaxNotifications\": 3", "\"MaxNotifications\": 0", StringComparison.Ordinal)
            .Replace("\"Window\": \"00:30:00\"", "\"Window\": \"00:00:00\"", StringComparison.Ordinal)
            .Replace("\"drift.*\"", "\"dr*ft\"", StringComparison.Ordinal);

        var error = Should.Throw<OptionsValidationException>(() => Bind(json));

        error.Message.ShouldContain("ModelMonitoringOptions.Alerting.Policies[model_failure].Suppression.MaxNotifications: 0 is not allowed; use a value from 1 to 1,000,000.");
        error.Message.ShouldContain("ModelMonitoringOptions.Alerting.Policies[performance_degradation].Suppression.Window: 00:00:00 is not allowed");
        error.Message.ShouldContain("ModelMonitoringOptions.Alerting.Policies[dr*ft]: 'dr*ft' is not an alert name pattern");
    }

    [Fact]
    public void PolicyEscalationToAnUnregisteredChannel_FailsAtStartUpNamingTheSetting()
    {
        var options = new AlertingOptions();
        options.Policies["model_failure"] = new AlertPolicy { Escalation = [new EscalationLevel { After = TimeSpan.FromMinutes(1), Channels = { "sms" } }] };

        var error = Should.Throw<OptionsValidationException>(() => new AlertNotifier(options, [new RecordingAlertChannel("logger")], TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance));

        error.Message.ShouldContain("Alerting.Policies[model_failure].Escalation[0].Channels: 'sms' is not a registered alert channel");
    }

    [Fact]
    public void UnknownPolicySetting_FailsAtStartUpNamingTheKey()
    {
        var error = Should.Throw<OptionsValidationException>(() => Bind(Json.Replace("\"Window\": \"01:00:00\"", "\"Windw\": \"01:00:00\"", StringComparison.Ordinal)));

        error.Message.ShouldContain("ModelMonitoring:Alerting:Policies:model_failure");
        error.Message.ShouldContain("Windw");
    }
}
