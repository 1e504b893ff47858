namespace ModelMonitoring.Channels.Internal;

/// <summary>Shows that a credential is set without showing it.</summary>
internal static class Redaction
{
    public const string Redacted = "[redacted]";

    /// <summary>Returns whether the secret is set, never its value.</summary>
    public static string Secret(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : Redacted;

    /// <summary>
    /// Returns the scheme, host and port of a URL, which say where alerts go, and hides the rest:
    /// user information, path and query are where webhook URLs keep their tokens.
    /// </summary>
    public static string Url(Uri? url)
    {
        if (url is null)
        {
            return "(not set)";
        }

        if (!url.IsAbsoluteUri)
        {
            return $"(relative) {Redacted}";
        }

        return $"{url.Scheme}://{url.Host}:{url.Port}/{Redacted}";
    }
}
