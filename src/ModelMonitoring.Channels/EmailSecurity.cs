namespace ModelMonitoring.Channels;

/// <summary>How the email channel protects its connection to the SMTP server.</summary>
public enum EmailSecurity
{
    /// <summary>
    /// Connects in plain text and upgrades to TLS with STARTTLS before anything else is sent; a server
    /// that does not offer STARTTLS is a permanent failure, never a silent fallback to plain text.
    /// The usual mode of the submission port 587.
    /// </summary>
    StartTls = 0,

    /// <summary>TLS from the first byte (implicit TLS, SMTPS), the usual mode of port 465.</summary>
    ImplicitTls = 1,

    /// <summary>No TLS: for a relay on the same host or network only; credentials are refused in this mode.</summary>
    None = 2,
}
