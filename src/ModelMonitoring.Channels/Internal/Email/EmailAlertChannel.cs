using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Delivery;

namespace ModelMonitoring.Channels.Internal.Email;

/// <summary>
/// Sends each alert as a plain-text email through SMTP. A 5xx reply (such as 554 transaction failed or
/// 535 authentication failed) is permanent; 4xx replies and connection failures are retried with back-off.
/// </summary>
internal sealed class EmailAlertChannel : IAlertChannel
{
    private readonly string _host;
    private readonly int _port;
    private readonly bool _enableSsl;
    private readonly NetworkCredential? _credentials;
    private readonly MailAddress _from;
    private readonly MailAddress[] _to;
    private readonly string _subjectPrefix;
    private readonly DeliveryPipeline _delivery;

    public EmailAlertChannel(string name, EmailChannelOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Name = name;
        _host = options.Host!;
        _port = options.Port;
        _enableSsl = options.EnableSsl;
        _credentials = options.UserName is { Length: > 0 } user ? new NetworkCredential(user, options.Password) : null;
        _from = new MailAddress(options.From!);
        _to = [.. options.To.Select(static address => new MailAddress(address))];
        _subjectPrefix = options.SubjectPrefix;
        _delivery = new DeliveryPipeline(name, options, timeProvider, loggerFactory.CreateLogger("ModelMonitoring.Channels.Email"));
    }

    public string Name { get; }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var content = (Subject: EmailMessageBuilder.Subject(_subjectPrefix, alert), Body: EmailMessageBuilder.Body(alert));
        return _delivery.DeliverAsync(alert, static (state, token) => state.Channel.AttemptAsync(state.Content.Subject, state.Content.Body, token), (Channel: this, Content: content), cancellationToken);
    }

    private async ValueTask<AttemptResult> AttemptAsync(string subject, string body, CancellationToken cancellationToken)
    {
        using var message = new MailMessage
        {
            From = _from,
            Subject = subject,
            SubjectEncoding = Encoding.UTF8,
            Body = body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        foreach (var to in _to)
        {
            message.To.Add(to);
        }

        // SmtpClient is not safe for concurrent sends, so each attempt has its own connection.
        using var client = new SmtpClient(_host, _port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = _enableSsl,
            UseDefaultCredentials = false,
            Credentials = _credentials,
        };
        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
            return AttemptResult.Delivered;
        }
        catch (SmtpException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Classify(ex);
        }
    }

    /// <summary>By the reply code alone: SmtpClient's messages can quote the server's reply.</summary>
    private static AttemptResult Classify(SmtpException exception)
    {
        var code = (int)exception.StatusCode;
        if (code is >= 500 and < 600)
        {
            return AttemptResult.Permanent($"the SMTP server answered {code} ({exception.StatusCode})");
        }

        return code is >= 400 and < 500
            ? AttemptResult.Transient($"the SMTP server answered {code} ({exception.StatusCode})")
            : AttemptResult.Transient(exception.InnerException is null
                ? $"SMTP failure ({exception.StatusCode})"
                : $"SMTP failure ({exception.StatusCode}, {exception.InnerException.GetType().Name})");
    }
}
