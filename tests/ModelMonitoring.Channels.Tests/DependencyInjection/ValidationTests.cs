using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Tests.DependencyInjection;

public class ValidationTests
{
    [Fact]
    public void Webhook_ReportsEveryProblemAtOnce_NamingEachSetting()
    {
        var message = Errors<WebhookChannelOptions>(b => b.AddWebhookChannel(o =>
        {
            o.Url = new Uri("ftp://files.example.com/secret-path");
            o.Secret = " ";
            o.SecondarySecret = string.Empty;
            o.SignatureHeaderName = "Bad Header";
            o.AttemptTimeout = TimeSpan.Zero;
            o.MaxRetries = 11;
            o.RetryDelay = TimeSpan.FromSeconds(10);
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
        }), "webhook");

        message.ShouldContain("WebhookChannelOptions['webhook'].Url: the URL set uses the scheme 'ftp', which is not allowed; use an absolute http or https URL");
        message.ShouldContain("WebhookChannelOptions['webhook'].Secret: must be set to the signing secret");
        message.ShouldContain("WebhookChannelOptions['webhook'].SecondarySecret: is empty or blank");
        message.ShouldContain("WebhookChannelOptions['webhook'].SignatureHeaderName: 'Bad Header' is not allowed");
        message.ShouldContain("WebhookChannelOptions['webhook'].AttemptTimeout: 00:00:00 is not allowed; use a value from 10 milliseconds to 10 minutes.");
        message.ShouldContain("WebhookChannelOptions['webhook'].MaxRetries: 11 is not allowed; use a value from 0 to 10.");
        message.ShouldContain("WebhookChannelOptions['webhook'].MaxRetryDelay: 00:00:05 is not allowed; use a value from RetryDelay (00:00:10) to 1 hour.");
        message.ShouldNotContain("secret-path");
    }

    [Fact]
    public void Webhook_MissingUrlAndSecret_AreReported()
    {
        var message = Errors<WebhookChannelOptions>(b => b.AddWebhookChannel(_ => { }), "webhook");

        message.ShouldContain("WebhookChannelOptions['webhook'].Url: must be set; use an absolute http or https URL");
        message.ShouldContain("WebhookChannelOptions['webhook'].Secret: must be set to the signing secret shared with the receiver (at least 32 random characters are recommended); it is not set.");
    }

    [Fact]
    public void Webhook_SecondarySecretEqualToSecret_IsRejected_WithoutQuotingIt()
    {
        var message = Errors<WebhookChannelOptions>(b => b.AddWebhookChannel(o =>
        {
            o.Url = new Uri("https://example.com/hook");
            o.Secret = "same-secret-value";
            o.SecondarySecret = "same-secret-value";
        }), "webhook");

        message.ShouldContain("SecondarySecret: equals Secret, which is not allowed");
        message.ShouldNotContain("same-secret-value");
    }

    [Fact]
    public void Slack_MissingUrl_IsReported()
    {
        Errors<SlackChannelOptions>(b => b.AddSlackChannel(_ => { }), "slack")
            .ShouldContain("SlackChannelOptions['slack'].WebhookUrl: must be set; use an absolute http or https URL, such as the incoming-webhook URL Slack issued");
    }

    [Theory]
    [InlineData("R0123456789abcdefghijklmnopqrst", "has 31 characters")]
    [InlineData("R0123456789abcdefghijklmnopqrstuv", "has 33 characters")]
    [InlineData("R0123456789abcdefghijklmnopqrs-u", "has 32 characters, not all letters and digits")]
    public void PagerDuty_RoutingKeyThatIsNot32LettersAndDigits_IsRejected_WithoutQuotingIt(string key, string expected)
    {
        var message = Errors<PagerDutyChannelOptions>(b => b.AddPagerDutyChannel(o => o.RoutingKey = key), "pagerduty");

        message.ShouldContain($"PagerDutyChannelOptions['pagerduty'].RoutingKey: the key set {expected}, which is not allowed; use the 32-character integration key of an Events API v2 integration.");
        message.ShouldNotContain(key);
    }

    [Fact]
    public void PagerDuty_OtherSettings_AreChecked()
    {
        var message = Errors<PagerDutyChannelOptions>(b => b.AddPagerDutyChannel(o =>
        {
            o.EventsUrl = new Uri("enqueue", UriKind.Relative);
            o.Source = string.Empty;
            o.Client = string.Empty;
            o.WarningSeverity = (PagerDutySeverity)9;
        }), "pagerduty");

        message.ShouldContain("RoutingKey: must be set");
        message.ShouldContain("EventsUrl: the URL set is relative");
        message.ShouldContain("Source: must be 1 to 255 characters");
        message.ShouldContain("Client: must be set");
        message.ShouldContain("WarningSeverity: 9 is not allowed; use Critical, Error, Warning or Info.");
    }

    [Fact]
    public void Email_ReportsEveryProblemAtOnce()
    {
        var message = Errors<EmailChannelOptions>(b => b.AddEmailChannel(o =>
        {
            o.Port = 0;
            o.From = "not an address";
            o.Password = "hunter2-password";
            o.SubjectPrefix = "line\nbreak";
        }), "email");

        message.ShouldContain("EmailChannelOptions['email'].Host: must be set");
        message.ShouldContain("EmailChannelOptions['email'].Port: 0 is not allowed; use a port from 1 to 65535");
        message.ShouldContain("EmailChannelOptions['email'].From: 'not an address' is not an email address");
        message.ShouldContain("EmailChannelOptions['email'].To: must hold at least one address");
        message.ShouldContain("EmailChannelOptions['email'].UserName: must be set together with Password");
        message.ShouldContain("EmailChannelOptions['email'].SubjectPrefix: must be text on one line");
        message.ShouldNotContain("hunter2-password");
    }

    [Fact]
    public void Email_BadRecipient_IsNamedByIndex()
    {
        var message = Errors<EmailChannelOptions>(b => b.AddEmailChannel(o =>
        {
            o.Host = "smtp.example.com";
            o.From = "a@example.com";
            o.To.Add("b@example.com");
            o.To.Add("nobody");
        }), "email");

        message.ShouldContain("EmailChannelOptions['email'].To[1]: 'nobody' is not an email address");
    }

    [Theory]
    [InlineData(EmailSecurity.StartTls, 465, "Security: StartTls is not allowed with port 465")]
    [InlineData(EmailSecurity.ImplicitTls, 587, "Security: ImplicitTls is not allowed with port 587")]
    [InlineData(EmailSecurity.ImplicitTls, 25, "Security: ImplicitTls is not allowed with port 25")]
    [InlineData((EmailSecurity)7, 587, "Security: 7 is not allowed; use StartTls, ImplicitTls or None.")]
    public void Email_SecurityModeContradictingThePort_IsRefused(EmailSecurity security, int port, string expected)
    {
        var message = Errors<EmailChannelOptions>(b => b.AddEmailChannel(o =>
        {
            o.Host = "smtp.example.com";
            o.Port = port;
            o.Security = security;
            o.From = "a@example.com";
            o.To.Add("b@example.com");
        }), "email");

        message.ShouldContain("EmailChannelOptions['email']." + expected);
    }

    [Fact]
    public void Email_CredentialsWithoutTls_AreRefused()
    {
        var message = Errors<EmailChannelOptions>(b => b.AddEmailChannel(o =>
        {
            o.Host = "smtp.example.com";
            o.Port = 25;
            o.Security = EmailSecurity.None;
            o.UserName = "alerts";
            o.Password = "hunter2-password";
            o.From = "a@example.com";
            o.To.Add("b@example.com");
        }), "email");

        message.ShouldContain("EmailChannelOptions['email'].Security: None is not allowed with credentials");
        message.ShouldNotContain("hunter2-password");
    }

    [Fact]
    public void Email_MalformedCertificatePin_IsRefused()
    {
        var message = Errors<EmailChannelOptions>(b => b.AddEmailChannel(o =>
        {
            o.Host = "smtp.example.com";
            o.ServerCertificateSha256 = "AB:CD";
            o.From = "a@example.com";
            o.To.Add("b@example.com");
        }), "email");

        message.ShouldContain("EmailChannelOptions['email'].ServerCertificateSha256: must be the certificate's SHA-256 hash as 64 hexadecimal digits");
    }

    [Fact]
    public void MinimumSeverity_NotASeverity_IsRefused_ForEveryKind()
    {
        Errors<ConsoleChannelOptions>(b => b.AddConsoleChannel(o => o.MinimumSeverity = (AlertSeverity)9), "console")
            .ShouldContain("ConsoleChannelOptions['console'].MinimumSeverity: 9 is not allowed; use Info, Warning or Critical.");
        Errors<SlackChannelOptions>(b => b.AddSlackChannel(o => { o.WebhookUrl = new Uri("https://hooks.slack.com/services/T/B/X"); o.MinimumSeverity = (AlertSeverity)9; }), "slack")
            .ShouldContain("SlackChannelOptions['slack'].MinimumSeverity: 9 is not allowed; use Info, Warning or Critical.");
    }

    [Fact]
    public void ValidOptions_PassValidation()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring()
            .AddWebhookChannel(o => { o.Url = new Uri("https://example.com/hook"); o.Secret = "a"; o.SecondarySecret = "b"; o.MaxRetries = 0; })
            .AddEmailChannel(o => { o.Host = "smtp.example.com"; o.Port = 587; o.Security = EmailSecurity.StartTls; o.UserName = "u"; o.Password = "p"; o.From = "a@example.com"; o.To.Add("b@example.com"); });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptionsMonitor<WebhookChannelOptions>>().Get("webhook").MaxRetries.ShouldBe(0);
        provider.GetRequiredService<IOptionsMonitor<EmailChannelOptions>>().Get("email").Port.ShouldBe(587);
    }

    private static string Errors<TOptions>(Action<IModelMonitoringBuilder> configure, string name)
        where TOptions : class
    {
        var services = new ServiceCollection();
        configure(services.AddModelMonitoring());
        using var provider = services.BuildServiceProvider();
        return Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)).Message;
    }
}
