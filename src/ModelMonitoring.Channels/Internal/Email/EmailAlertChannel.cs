using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Text;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Delivery;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;
using SmtpCommandException = MailKit.Net.Smtp.SmtpCommandException;
using SmtpProtocolException = MailKit.Net.Smtp.SmtpProtocolException;

namespace ModelMonitoring.Channels.Internal.Email;

/// <summary>
/// Sends each alert as a plain-text email through SMTP with MailKit, over STARTTLS or implicit TLS. A
/// 5xx reply (such as 554 transaction failed or 535 authentication failed), refused credentials, a
/// failed TLS handshake or a server without STARTTLS are permanent; 4xx replies and connection
/// failures are retried with back-off.
/// </summary>
internal sealed class EmailAlertChannel : IAlertChannel
{
    private readonly string _host;
    private readonly int _port;
    private readonly SecureSocketOptions _socket;
    private readonly CertificatePin? _pin;
    private readonly string? _userName;
    private readonly string? _password;
    private readonly MailboxAddress _from;
    private readonly MailboxAddress[] _to;
    private readonly string _subjectPrefix;
    private readonly int _timeoutMilliseconds;
    private readonly DeliveryPipeline _delivery;

    public EmailAlertChannel(string name, EmailChannelOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Name = name;
        MinimumSeverity = options.MinimumSeverity;
        _host = options.Host!;
        _port = options.Port;
        _socket = options.Security switch
        {
            EmailSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
            EmailSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        _pin = options.ServerCertificateSha256 is { } pin ? CertificatePin.Parse(pin) : null;
        _userName = string.IsNullOrEmpty(options.UserName) ? null : options.UserName;
        _password = options.Password;
        _from = Mailbox(options.From!);
        _to = [.. options.To.Select(Mailbox)];
        _subjectPrefix = options.SubjectPrefix;

        // MailKit's own limit on each read and write, in real time; the attempt timeout (on the
        // injected clock) cancels the attempt as a whole and normally ends it first.
        _timeoutMilliseconds = (int)Math.Min(int.MaxValue, options.AttemptTimeout.TotalMilliseconds * 2);
        _delivery = new DeliveryPipeline(name, options, timeProvider, loggerFactory.CreateLogger("ModelMonitoring.Channels.Email"));
    }

    public string Name { get; }

    public AlertSeverity MinimumSeverity { get; }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var content = (Subject: EmailMessageBuilder.Subject(_subjectPrefix, alert), Body: EmailMessageBuilder.Body(alert));
        return _delivery.DeliverAsync(alert, static (state, token) => state.Channel.AttemptAsync(state.Content.Subject, state.Content.Body, token), (Channel: this, Content: content), cancellationToken);
    }

    private static MailboxAddress Mailbox(string address)
    {
        var parsed = new MailAddress(address);
        return new MailboxAddress(parsed.DisplayName, parsed.Address);
    }

    private async ValueTask<AttemptResult> AttemptAsync(string subject, string body, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(_from);
        message.To.AddRange(_to);
        message.Subject = subject;
        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, body);
        message.Body = text;

        // One connection per attempt: a retry after a failure starts from a clean session.
        using var client = new SmtpClient { Timeout = _timeoutMilliseconds };
        if (_pin is not null)
        {
            client.ServerCertificateValidationCallback = _pin.Validate;
        }

        try
        {
            await client.ConnectAsync(_host, _port, _socket, cancellationToken).ConfigureAwait(false);
            if (_userName is not null)
            {
                await client.AuthenticateAsync(_userName, _password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Classify(ex) is { } result)
        {
            return result;
        }

        await QuitAsync(client, cancellationToken).ConfigureAwait(false);
        return AttemptResult.Delivered;
    }

    /// <summary>The message was accepted; a failed QUIT does not undo that.</summary>
    private static async ValueTask QuitAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// By the kind of failure and the reply code alone: MailKit's messages quote the server's reply,
    /// which is the server's text, and can name the host.
    /// </summary>
    private static AttemptResult? Classify(Exception exception) => exception switch
    {
        SmtpCommandException command when (int)command.StatusCode is >= 500 and < 600 =>
            AttemptResult.Permanent($"the SMTP server answered {(int)command.StatusCode} ({command.StatusCode}) to {Step(command.ErrorCode)}"),
        SmtpCommandException command =>
            AttemptResult.Transient($"the SMTP server answered {(int)command.StatusCode} ({command.StatusCode}) to {Step(command.ErrorCode)}"),
        AuthenticationException => AttemptResult.Permanent("the SMTP server refused the credentials"),
        SslHandshakeException => AttemptResult.Permanent("the TLS handshake failed: the server's certificate is not trusted (set ServerCertificateSha256 to pin a self-signed one), or the server does not speak TLS in this Security mode"),
        NotSupportedException => AttemptResult.Permanent("the SMTP server does not offer STARTTLS (or the authentication the credentials need); refusing to continue in plain text"),
        SmtpProtocolException => AttemptResult.Transient("the SMTP server broke the protocol or closed the connection"),
        SocketException socket => AttemptResult.Transient($"network error ({socket.SocketErrorCode})"),
        IOException => AttemptResult.Transient("the connection failed"),
        ServiceNotConnectedException => AttemptResult.Transient("the connection was lost"),
        _ => null,
    };

    private static string Step(MailKit.Net.Smtp.SmtpErrorCode code) => code switch
    {
        MailKit.Net.Smtp.SmtpErrorCode.SenderNotAccepted => "the sender",
        MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted => "a recipient",
        MailKit.Net.Smtp.SmtpErrorCode.MessageNotAccepted => "the message",
        _ => "a command",
    };
}
