using ModelMonitoring.Channels.Internal;

namespace ModelMonitoring.Channels;

/// <summary>
/// Settings of the email channel, which sends each alert as a plain-text message through an SMTP
/// server with <see cref="System.Net.Mail.SmtpClient"/>.
/// </summary>
/// <remarks>
/// <see cref="System.Net.Mail.SmtpClient"/> speaks STARTTLS (<see cref="EnableSsl"/>) but not implicit
/// TLS, so use the submission port 587 (or 25) rather than 465. The password never appears in logs,
/// exception messages or <see cref="ToString"/>.
/// </remarks>
public sealed class EmailChannelOptions : ChannelDeliveryOptions
{
    /// <summary>The name the channel gets when none is given: <c>email</c>.</summary>
    public const string DefaultName = "email";

    /// <summary>Gets or sets the SMTP server's host name or IP address. There is no default: it must be set.</summary>
    public string? Host { get; set; }

    /// <summary>Gets or sets the SMTP server's port, from 1 to 65535. The default value is 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>
    /// Gets or sets whether the connection is upgraded to TLS with STARTTLS before anything else is sent.
    /// The default value is <see langword="false"/>.
    /// </summary>
    public bool EnableSsl { get; set; }

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
        $"EmailChannelOptions {{ Host = {Host}, Port = {Port}, EnableSsl = {EnableSsl}, UserName = {UserName ?? "(not set)"}, " +
        $"Password = {Redaction.Secret(Password)}, From = {From}, To = [{string.Join(", ", To)}], SubjectPrefix = {SubjectPrefix}, {DeliveryToString()} }}";
}
