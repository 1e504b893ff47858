using ModelMonitoring.Channels.Internal;

namespace ModelMonitoring.Channels;

/// <summary>
/// Settings of the email channel, which sends each alert as a plain-text message through an SMTP
/// server with MailKit.
/// </summary>
/// <remarks>
/// The connection is protected with STARTTLS (port 587) or implicit TLS (port 465), see
/// <see cref="Security"/>; the server's certificate is validated against the system's trust store
/// unless <see cref="ServerCertificateSha256"/> pins one. The password never appears in logs,
/// exception messages or <see cref="ToString"/>.
/// </remarks>
public sealed class EmailChannelOptions : ChannelDeliveryOptions
{
    /// <summary>The name the channel gets when none is given: <c>email</c>.</summary>
    public const string DefaultName = "email";

    /// <summary>Initializes a new instance, with <see cref="ChannelDeliveryOptions.MinimumSeverity"/> at <see cref="Alerting.AlertSeverity.Critical"/>.</summary>
    public EmailChannelOptions()
        : base(Alerting.AlertSeverity.Critical)
    {
    }

    /// <summary>Gets or sets the SMTP server's host name or IP address. There is no default: it must be set.</summary>
    public string? Host { get; set; }

    /// <summary>
    /// Gets or sets the SMTP server's port, from 1 to 65535: 587 for <see cref="EmailSecurity.StartTls"/>,
    /// 465 for <see cref="EmailSecurity.ImplicitTls"/>. The default value is 587.
    /// </summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// Gets or sets how the connection is protected; port 465 with <see cref="EmailSecurity.StartTls"/>
    /// and ports 25 or 587 with <see cref="EmailSecurity.ImplicitTls"/> are refused at start-up, as those
    /// ports speak the other mode. The default value is <see cref="EmailSecurity.StartTls"/>.
    /// </summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>
    /// Gets or sets the SHA-256 hash of the one server certificate to accept, as 64 hexadecimal digits
    /// (colons and spaces are ignored), such as the output of
    /// <c>openssl x509 -noout -fingerprint -sha256</c>. When set, exactly that certificate is accepted,
    /// whatever the system's trust store says (for a server with a self-signed certificate); when not
    /// set, the certificate must be valid for <see cref="Host"/> and chain to a trusted root.
    /// The default value is <see langword="null"/> (the usual validation).
    /// </summary>
    public string? ServerCertificateSha256 { get; set; }

    /// <summary>
    /// Gets or sets the user name to authenticate with; set it together with <see cref="Password"/>.
    /// The default value is <see langword="null"/> (no authentication).
    /// </summary>
    public string? UserName { get; set; }

    /// <summary>
    /// Gets or sets the password to authenticate with; set it together with <see cref="UserName"/>.
    /// The default value is <see langword="null"/> (no authentication).
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender address, such as <c>monitoring@example.com</c>. There is no default: it must be set.</summary>
    public string? From { get; set; }

    /// <summary>Gets the recipient addresses; at least one. The default value is an empty list.</summary>
    public IList<string> To { get; } = [];

    /// <summary>
    /// Gets or sets the text every subject starts with, on one line.
    /// The default value is <c>[ModelMonitoring]</c>.
    /// </summary>
    public string SubjectPrefix { get; set; } = "[ModelMonitoring]";

    /// <inheritdoc/>
    public override string ToString() =>
        $"EmailChannelOptions {{ Host = {Host}, Port = {Port}, Security = {Security}, ServerCertificateSha256 = {ServerCertificateSha256 ?? "(not set)"}, UserName = {UserName ?? "(not set)"}, " +
        $"Password = {Redaction.Secret(Password)}, From = {From}, To = [{string.Join(", ", To)}], SubjectPrefix = {SubjectPrefix}, {DeliveryToString()} }}";
}
