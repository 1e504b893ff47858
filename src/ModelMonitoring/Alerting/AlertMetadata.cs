using System.Collections.ObjectModel;

namespace ModelMonitoring.Alerting;

/// <summary>
/// Shows an alert's <see cref="Alert.Metadata"/> without its secrets. Every packaged channel writes metadata
/// through <see cref="Redact"/>; a channel of your own should do the same.
/// </summary>
/// <remarks>
/// A key looks like a secret when, compared without case and without <c>_</c>, <c>-</c>, <c>.</c> and
/// spaces, it contains <c>password</c>, <c>passwd</c>, <c>pwd</c>, <c>secret</c>, <c>token</c>,
/// <c>apikey</c>, <c>authorization</c>, <c>credential</c> or <c>connectionstring</c>, or ends in <c>key</c>
/// (<c>api_key</c>, <c>routing-key</c>, <c>PrivateKey</c>). The rule errs on the safe side: <c>tokens_used</c>
/// is hidden too. Rename such a key if its value must be seen.
/// </remarks>
public static class AlertMetadata
{
    /// <summary>The text shown in place of a secret value.</summary>
    public const string RedactedValue = "***";

    private static readonly string[] SecretWords = ["password", "passwd", "pwd", "secret", "token", "apikey", "authorization", "credential", "connectionstring"];

    /// <summary>Gets the metadata of an alert that has none.</summary>
    internal static IReadOnlyDictionary<string, string> Empty { get; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Returns whether values of <paramref name="key"/> are secrets that must never be shown.</summary>
    /// <param name="key">The metadata key.</param>
    /// <returns><see langword="true"/> when the key looks like it names a secret.</returns>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<char> buffer = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        foreach (var c in key)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        ReadOnlySpan<char> normalized = buffer[..length];
        if (normalized.EndsWith("key", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var word in SecretWords)
        {
            if (normalized.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the entries of <paramref name="metadata"/> in their order, each secret value replaced by <see cref="RedactedValue"/>.</summary>
    /// <param name="metadata">The metadata, such as <see cref="Alert.Metadata"/>.</param>
    /// <returns>The entries to show.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Redact(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Count == 0)
        {
            return [];
        }

        var shown = new List<KeyValuePair<string, string>>(metadata.Count);
        foreach (var (key, value) in metadata)
        {
            shown.Add(new(key, IsSecretKey(key) ? RedactedValue : value));
        }

        return shown;
    }
}
