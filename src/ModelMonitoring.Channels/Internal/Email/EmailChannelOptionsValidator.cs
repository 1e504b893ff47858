using System.Net.Mail;
using Microsoft.Extensions.Options;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.Email;

/// <summary>Checks the options of every registered email channel; reports every error at once.</summary>
internal sealed class EmailChannelOptionsValidator(ChannelNameRegistry channels) : IValidateOptions<EmailChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!channels.Contains(name, ChannelKinds.Email))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new OptionsErrors(nameof(EmailChannelOptions), name);
        if (string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            errors.Add(nameof(options.Host), $"{(string.IsNullOrWhiteSpace(options.Host) ? "must be set" : $"'{options.Host}' is not a host name or IP address")}; use the SMTP server's host name, such as smtp.example.com.");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add(nameof(options.Port), $"{options.Port} is not allowed; use a port from 1 to 65535 (587 for submission with STARTTLS, 465 for implicit TLS).");
        }

        CheckSecurity(errors, options);

        CheckAddress(errors, nameof(options.From), options.From);
        if (options.To.Count == 0)
        {
            errors.Add(nameof(options.To), "must hold at least one address, such as oncall@example.com.");
        }

        for (var i = 0; i < options.To.Count; i++)
        {
            CheckAddress(errors, $"{nameof(options.To)}[{i}]", options.To[i]);
        }

        var hasUser = !string.IsNullOrEmpty(options.UserName);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            errors.Add(hasUser ? nameof(options.Password) : nameof(options.UserName), "must be set together with " + (hasUser ? "UserName" : "Password") + "; set both to authenticate, or neither.");
        }

        if (hasUser && options.Security == EmailSecurity.None)
        {
            errors.Add(nameof(options.Security), "None is not allowed with credentials, as the password would cross the network unencrypted; use StartTls (port 587) or ImplicitTls (port 465).");
        }

        if (options.SubjectPrefix is null || options.SubjectPrefix.Any(char.IsControl))
        {
            errors.Add(nameof(options.SubjectPrefix), "must be text on one line (it may be empty); line breaks and control characters are not allowed.");
        }

        errors.Delivery(options);
        return errors.Result();
    }

    private static void CheckSecurity(OptionsErrors errors, EmailChannelOptions options)
    {
        switch (options.Security)
        {
            case EmailSecurity.StartTls when options.Port == 465:
                errors.Add(nameof(options.Security), "StartTls is not allowed with port 465, which speaks implicit TLS; use ImplicitTls, or port 587.");
                break;
            case EmailSecurity.ImplicitTls when options.Port is 25 or 587:
                errors.Add(nameof(options.Security), $"ImplicitTls is not allowed with port {options.Port}, which speaks STARTTLS; use StartTls, or port 465.");
                break;
            case EmailSecurity.StartTls or EmailSecurity.ImplicitTls or EmailSecurity.None:
                break;
            default:
                errors.Add(nameof(options.Security), $"{options.Security} is not allowed; use StartTls, ImplicitTls or None.");
                break;
        }

        if (options.ServerCertificateSha256 is { } pin)
        {
            if (CertificatePin.Parse(pin) is null)
            {
                errors.Add(nameof(options.ServerCertificateSha256), "must be the certificate's SHA-256 hash as 64 hexadecimal digits (colons and spaces are ignored), such as the output of 'openssl x509 -noout -fingerprint -sha256'.");
            }
            else if (options.Security == EmailSecurity.None)
            {
                errors.Add(nameof(options.ServerCertificateSha256), "has no effect with Security None, which uses no certificate; use StartTls or ImplicitTls, or remove the setting.");
            }
        }
    }

    private static void CheckAddress(OptionsErrors errors, string setting, string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            errors.Add(setting, "must be set to an email address, such as monitoring@example.com.");
        }
        else if (!MailAddress.TryCreate(address, out _))
        {
            errors.Add(setting, $"'{address}' is not an email address; use one such as monitoring@example.com.");
        }
    }
}
