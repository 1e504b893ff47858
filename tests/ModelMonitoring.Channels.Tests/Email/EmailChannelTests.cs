using System.Security.Cryptography.X509Certificates;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.Email;

public sealed class EmailChannelTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly ObservedClock _clock = new();
    private readonly X509Certificate2 _certificate = TestCertificates.Shared;
    private FakeSmtpServer _smtp = null!;
    private ChannelHost _host = null!;

    public Task InitializeAsync()
    {
        // The usual set-up: STARTTLS (the default Security) to a server whose self-signed certificate is pinned.
        _smtp = FakeSmtpServer.Start(FakeSmtpServer.SmtpTls.StartTls, _certificate);
        _host = CreateHost(_ => { });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_SendsAPlainTextMessage_ToEveryRecipient()
    {
        await Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var mail = _smtp.Messages.ShouldHaveSingleItem();
        mail.MailFrom.ShouldBe("monitoring@example.com");
        mail.RecipientsTo.ShouldBe(["oncall@example.com", "ml-team@example.com"]);
        mail.Headers["To"].ShouldContain("oncall@example.com");
        mail.Headers["To"].ShouldContain("ml-team@example.com");
        mail.Headers["Content-Type"].ShouldStartWith("text/plain");
        mail.Subject.ShouldBe("[ModelMonitoring] [CRITICAL] Firing: fraud error_rate.max");
        mail.Body.ShouldStartWith("Error rate 0.12 is above 0.05\r\n\r\n", Case.Sensitive);
        mail.Body.ShouldContain(Line("Model", "fraud"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Version", "1.4.0"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Environment", "production"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Alert", "error_rate.max"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Severity", "critical"), Case.Sensitive);
        mail.Body.ShouldContain(Line("State", "firing"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Metric", "error_rate"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Value", "0.12"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Threshold", "0.05"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Baseline", "0.01"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Time", "2026-01-01T11:59:00Z"), Case.Sensitive);
        mail.Body.ShouldContain(Line("Alert id", "alrt-0001"), Case.Sensitive);
        mail.AuthUser.ShouldBeNull();
        mail.OverTls.ShouldBeTrue();
    }

    [Fact]
    public async Task SendAsync_StartTls_UpgradesBeforeAuthenticating_WithThePinnedSelfSignedCertificate()
    {
        await using var host = CreateHost(o =>
        {
            o.UserName = "alerts";
            o.Password = "s3cret-password";
        });

        await host.Channel("email").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var mail = _smtp.Messages.ShouldHaveSingleItem();
        mail.OverTls.ShouldBeTrue();
        mail.AuthUser.ShouldBe("alerts");
    }

    [Fact]
    public async Task SendAsync_ImplicitTls_DeliversOverTlsFromTheFirstByte()
    {
        await using var smtps = FakeSmtpServer.Start(FakeSmtpServer.SmtpTls.Implicit, _certificate);
        await using var host = CreateHost(o =>
        {
            o.Port = smtps.Port;
            o.Security = EmailSecurity.ImplicitTls;
            o.UserName = "alerts";
            o.Password = "s3cret-password";
        });

        await host.Channel("email").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var mail = smtps.Messages.ShouldHaveSingleItem();
        mail.OverTls.ShouldBeTrue();
        mail.AuthPassword.ShouldBe("s3cret-password");
        mail.Subject.ShouldBe("[ModelMonitoring] [CRITICAL] Firing: fraud error_rate.max");
    }

    [Fact]
    public async Task SendAsync_SelfSignedCertificateNotPinned_FailsPermanently_AsValidationIsOnByDefault()
    {
        await using var host = CreateHost(o => o.ServerCertificateSha256 = null);

        var error = await Should.ThrowAsync<AlertDeliveryException>(host.Channel("email").SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Message.ShouldContain("TLS handshake failed");
        _smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_AnotherCertificatePinned_FailsPermanently()
    {
        using var other = TestCertificates.SelfSigned();
        await using var host = CreateHost(o => o.ServerCertificateSha256 = TestCertificates.Sha256(other));

        var error = await Should.ThrowAsync<AlertDeliveryException>(host.Channel("email").SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        _smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_StartTlsButTheServerOffersNone_FailsPermanently_RatherThanSendInPlainText()
    {
        await using var plain = FakeSmtpServer.Start();
        await using var host = CreateHost(o => o.Port = plain.Port);

        var error = await Should.ThrowAsync<AlertDeliveryException>(host.Channel("email").SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Message.ShouldContain("STARTTLS");
        plain.Transactions.ShouldBe(0);
    }

    [Fact]
    public async Task SendAsync_SecurityNone_SendsInPlainText_ToARelay()
    {
        await using var plain = FakeSmtpServer.Start();
        await using var host = CreateHost(o =>
        {
            o.Port = plain.Port;
            o.Security = EmailSecurity.None;
            o.ServerCertificateSha256 = null;
        });

        await host.Channel("email").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        plain.Messages.ShouldHaveSingleItem().OverTls.ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_Resolved_SaysSoInTheSubject()
    {
        await Channel().SendAsync(TestAlerts.Resolved(AlertSeverity.Warning), CancellationToken.None);

        var mail = _smtp.Messages.ShouldHaveSingleItem();
        mail.Subject.ShouldBe("[ModelMonitoring] [WARNING] Resolved: fraud error_rate.max");
        mail.Body.ShouldContain(Line("Resolved", "2026-01-01T12:05:00Z"), Case.Sensitive);
    }

    [Fact]
    public async Task SendAsync_NonAsciiAndLineBreaks_SubjectStaysOneLine()
    {
        await Channel().SendAsync(TestAlerts.Firing() with { Model = "Betrugs-Modell ü", Name = "drift\r\nBcc: attacker@example.com" }, CancellationToken.None);

        var mail = _smtp.Messages.ShouldHaveSingleItem();
        mail.Subject.ShouldBe("[ModelMonitoring] [CRITICAL] Firing: Betrugs-Modell ü drift  Bcc: attacker@example.com");
        mail.Headers.ContainsKey("Bcc").ShouldBeFalse();
        mail.RecipientsTo.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_WithCredentials_AuthenticatesAndSends()
    {
        await using var host = CreateHost(o =>
        {
            o.UserName = "alerts";
            o.Password = "s3cret-password";
        });

        await host.Channel("email").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var mail = _smtp.Messages.ShouldHaveSingleItem();
        mail.AuthUser.ShouldBe("alerts");
        mail.AuthPassword.ShouldBe("s3cret-password");
    }

    [Fact]
    public async Task SendAsync_ServerAnswers554_FailsPermanently_WithoutRetry()
    {
        _smtp.ReplyToData("554 5.7.1 Message rejected as spam");

        var error = await Should.ThrowAsync<AlertDeliveryException>(Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Channel.ShouldBe("email");
        error.Message.ShouldContain("554");
        _smtp.Transactions.ShouldBe(1);
        _smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_ServerAnswers451ThenAccepts_IsDeliveredOnTheRetry()
    {
        _smtp.ReplyToData("451 4.3.0 Try again later");

        var delays = await _host.SendSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        delays.Count.ShouldBe(1);
        _smtp.Transactions.ShouldBe(2);
        _smtp.Messages.ShouldHaveSingleItem();
        _host.Logs.Lines.ShouldContain(line => line.Contains("[2001]", StringComparison.Ordinal) && line.Contains("451", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_FailsTransiently_AfterTheRetries()
    {
        await using var host = CreateHost(o => o.Port = ChannelHost.ClosedPort());

        var error = await host.FailSkippingDelaysAsync(host.Channel("email"), TestAlerts.Firing(), AttemptTimeout);

        error.IsPermanent.ShouldBeFalse();
        error.Message.ShouldContain("4 attempts");
    }

    private IAlertChannel Channel() => _host.Channel("email");

    /// <summary>A field line of the body: the label and colon padded to 18 characters, then the value.</summary>
    private static string Line(string label, string value) => $"{label}:".PadRight(18) + value + "\r\n";

    private ChannelHost CreateHost(Action<EmailChannelOptions> extra) => ChannelHost.Create(
        builder => builder.AddEmailChannel(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = _smtp.Port;
            o.From = "monitoring@example.com";
            o.To.Add("oncall@example.com");
            o.To.Add("ml-team@example.com");
            o.AttemptTimeout = AttemptTimeout;
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            o.ServerCertificateSha256 = TestCertificates.Sha256(_certificate);
            extra(o);
        }),
        _clock);
}
