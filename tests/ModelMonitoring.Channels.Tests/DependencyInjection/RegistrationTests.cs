using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.DependencyInjection;

public class RegistrationTests
{
    private const string RoutingKey = "R0123456789abcdefghijklmnopqrstu";

    [Fact]
    public void AddSlackChannel_RegistersAnAlertChannelNamedSlack()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring().AddSlackChannel(o => o.WebhookUrl = new Uri("https://hooks.slack.com/services/T/B/X"));

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetServices<IAlertChannel>().Select(c => c.Name).ShouldBe(["logger", "slack"]);
    }

    [Fact]
    public void EveryChannel_HasItsDefaultName()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring()
            .AddConsoleChannel()
            .AddWebhookChannel(o => { o.Url = new Uri("https://example.com/hook"); o.Secret = "s"; })
            .AddSlackChannel(o => o.WebhookUrl = new Uri("https://hooks.slack.com/services/T/B/X"))
            .AddPagerDutyChannel(o => o.RoutingKey = RoutingKey)
            .AddEmailChannel(o => { o.Host = "smtp.example.com"; o.From = "a@example.com"; o.To.Add("b@example.com"); });

        using var provider = services.BuildServiceProvider();

        provider.GetServices<IAlertChannel>().Select(c => c.Name).ShouldBe(["logger", "console", "webhook", "slack", "pagerduty", "email"]);
    }

    [Fact]
    public async Task TwoChannelsOfOneKind_WithDifferentNames_AreBothRegistered_WithTheirOwnOptions()
    {
        await using var host = ChannelHost.Create(builder => builder
            .AddSlackChannel("slack-oncall", o => o.WebhookUrl = new Uri("https://hooks.slack.com/services/T/B/ONCALL"))
            .AddSlackChannel("slack-team", o => o.WebhookUrl = new Uri("https://hooks.slack.com/services/T/B/TEAM")));

        host.Services.GetServices<IAlertChannel>().Select(c => c.Name).ShouldBe(["logger", "slack-oncall", "slack-team"]);
        host.Options<SlackChannelOptions>("slack-oncall").WebhookUrl!.AbsolutePath.ShouldEndWith("ONCALL");
        host.Options<SlackChannelOptions>("slack-team").WebhookUrl!.AbsolutePath.ShouldEndWith("TEAM");
    }

    [Fact]
    public async Task TheSameNameTwice_RegistersOneChannel_AndCombinesConfiguration()
    {
        await using var host = ChannelHost.Create(builder => builder
            .AddWebhookChannel(o => { o.Url = new Uri("https://example.com/hook"); o.Secret = "s"; })
            .AddWebhookChannel(o => o.MaxRetries = 7));

        host.Services.GetServices<IAlertChannel>().Count(c => c.Name == "webhook").ShouldBe(1);
        var options = host.Options<WebhookChannelOptions>("webhook");
        options.MaxRetries.ShouldBe(7);
        options.Secret.ShouldBe("s");
    }

    [Fact]
    public void ANameTakenByAnotherKind_IsRejected()
    {
        var builder = new ServiceCollection().AddModelMonitoring().AddConsoleChannel("alerts");

        var error = Should.Throw<ArgumentException>(() => builder.AddSlackChannel("alerts", o => o.WebhookUrl = new Uri("https://hooks.slack.com/x")));

        error.Message.ShouldContain("'alerts' is already registered as a console channel");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public void AnInvalidName_IsRejected_SayingWhatIsAllowed(string name)
    {
        var builder = new ServiceCollection().AddModelMonitoring();

        var error = Should.Throw<ArgumentException>(() => builder.AddConsoleChannel(name));

        error.Message.ShouldContain("letters, digits, '-', '_' or '.'");
    }

    [Fact]
    public async Task UnderAHost_ABadOption_FailsAtStart_NamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddModelMonitoring().AddSlackChannel(o => o.WebhookUrl = new Uri("/services/T/B/X", UriKind.Relative));
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain("SlackChannelOptions['slack'].WebhookUrl");
        error.Message.ShouldContain("relative, which is not allowed; use an absolute http or https URL");
        error.Message.ShouldNotContain("/services/T/B/X");
    }

    [Fact]
    public void WithoutAHost_ABadOption_FailsWhenThePipelineIsCreated()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(builder => builder
            .AddPagerDutyChannel("pager", o => o.RoutingKey = "too-short")));

        error.Message.ShouldContain("PagerDutyChannelOptions['pager'].RoutingKey");
        error.Message.ShouldContain("32-character");
        error.Message.ShouldNotContain("too-short");
    }

    [Fact]
    public void ABadOption_OfOneChannel_DoesNotAffectAnotherNamedChannelOfTheSameKind()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring()
            .AddSlackChannel("good", o => o.WebhookUrl = new Uri("https://hooks.slack.com/services/T/B/X"))
            .AddSlackChannel("bad", _ => { });
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<SlackChannelOptions>>();

        monitor.Get("good").WebhookUrl.ShouldNotBeNull();
        Should.Throw<OptionsValidationException>(() => monitor.Get("bad")).Message.ShouldContain("SlackChannelOptions['bad'].WebhookUrl: must be set");
    }

    [Fact]
    public void HttpChannels_UseTheirOwnNamedHttpClient_WithoutAnAutomaticTimeout()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring().AddSlackChannel("slack-oncall", o => o.WebhookUrl = new Uri("https://hooks.slack.com/services/T/B/X"));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("ModelMonitoring.Channels.slack-oncall");

        client.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
    }
}
