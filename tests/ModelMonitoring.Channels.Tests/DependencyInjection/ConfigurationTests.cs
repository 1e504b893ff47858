using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Tests.DependencyInjection;

/// <summary>Channels declared in <c>appsettings.json</c> under <c>ModelMonitoring:Channels</c>.</summary>
public sealed class ConfigurationTests
{
    private const string Json = """
        {
          "ModelMonitoring": {
            "Channels": {
              "Console": { "UseColors": false },
              "Slack": { "WebhookUrl": "https://hooks.slack.com/services/T0/B0/XXXX", "MinimumSeverity": "Info", "MaxRetries": 5 },
              "PagerDuty": { "RoutingKey": "0123456789abcdef0123456789abcdef" },
              "Email": {
                "Host": "smtp.example.com", "Port": 465, "Security": "ImplicitTls",
                "UserName": "alerts", "Password": "p", "From": "monitoring@example.com",
                "To": [ "oncall@example.com", "ml-team@example.com" ], "AttemptTimeout": "00:00:20"
              },
              "Webhook": [
                { "Name": "ops", "Url": "https://ops.example.com/hook", "Secret": "s1" },
                { "Name": "audit", "Url": "https://audit.example.com/hook", "Secret": "s2", "MinimumSeverity": "Critical" }
              ]
            }
          }
        }
        """;

    [Fact]
    public void AddChannels_FromJson_RegistersEveryChannel_WithItsSettingsAndDefaults()
    {
        using var provider = Build(Json);

        provider.GetServices<IAlertChannel>().Select(c => c.Name).ShouldBe(["logger", "console", "slack", "pagerduty", "email", "ops", "audit"], ignoreOrder: true); // logger: the core's own
        var slack = Options<SlackChannelOptions>(provider, "slack");
        slack.WebhookUrl.ShouldBe(new Uri("https://hooks.slack.com/services/T0/B0/XXXX"));
        slack.MaxRetries.ShouldBe(5);
        var email = Options<EmailChannelOptions>(provider, "email");
        email.Security.ShouldBe(EmailSecurity.ImplicitTls);
        email.To.ShouldBe(["oncall@example.com", "ml-team@example.com"]);
        email.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        Options<ConsoleChannelOptions>(provider, "console").UseColors.ShouldBeFalse();

        var minimums = provider.GetServices<IAlertChannel>().ToDictionary(c => c.Name, c => c.MinimumSeverity);
        minimums["slack"].ShouldBe(AlertSeverity.Info);
        minimums["email"].ShouldBe(AlertSeverity.Critical); // the kind's default
        minimums["pagerduty"].ShouldBe(AlertSeverity.Critical);
        minimums["ops"].ShouldBe(AlertSeverity.Info);
        minimums["audit"].ShouldBe(AlertSeverity.Critical);
    }

    [Fact]
    public void AddChannels_UnknownSettingOrKind_FailsNamingEachKeyByItsPath()
    {
        var error = Should.Throw<OptionsValidationException>(() => Build("""
            { "ModelMonitoring": { "Channels": {
                "Slack": { "WebhookUrll": "https://hooks.slack.com/services/T0/B0/XXXX" },
                "Teams": { "Url": "https://example.com" },
                "Webhook": [ { "Name": "ops", "Url": "https://ops.example.com/hook", "Secret": "s", "Secrett": "x" } ]
            } } }
            """));

        error.Message.ShouldContain("ModelMonitoring:Channels:Slack:WebhookUrll: 'WebhookUrll' is not a setting of the Slack channel; use Name, ");
        error.Message.ShouldContain("WebhookUrl");
        error.Message.ShouldContain("ModelMonitoring:Channels:Teams: 'Teams' is not a kind of channel; use Console, Webhook, Slack, PagerDuty, Email.");
        error.Message.ShouldContain("ModelMonitoring:Channels:Webhook:0:Secrett: 'Secrett' is not a setting of the Webhook channel");
    }

    [Fact]
    public void AddChannels_InvalidValue_FailsAtStartUp_LikeOptionsSetInCode()
    {
        using var provider = Build("""
            { "ModelMonitoring": { "Channels": { "Email": { "Host": "smtp.example.com", "Port": 587, "Security": "ImplicitTls", "From": "a@example.com", "To": [ "b@example.com" ] } } } }
            """);

        var error = Should.Throw<OptionsValidationException>(() => Options<EmailChannelOptions>(provider, "email"));

        error.Message.ShouldContain("EmailChannelOptions['email'].Security: ImplicitTls is not allowed with port 587");
    }

    [Fact]
    public void AddChannels_TwoChannelsWithOneName_Fail()
    {
        var error = Should.Throw<OptionsValidationException>(() => Build("""
            { "ModelMonitoring": { "Channels": { "Webhook": [
                { "Url": "https://a.example.com/hook", "Secret": "s" },
                { "Url": "https://b.example.com/hook", "Secret": "s" } ] } } }
            """));

        error.Message.ShouldContain("ModelMonitoring:Channels:Webhook:1: the name 'webhook' is already taken by ModelMonitoring:Channels:Webhook:0");
    }

    private static ServiceProvider Build(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddModelMonitoring().AddChannels(configuration.GetSection("ModelMonitoring:Channels"));
        return services.BuildServiceProvider();
    }

    private static TOptions Options<TOptions>(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);
}
