using System.Globalization;

namespace ModelMonitoring.Channels.Internal.Webhook;

/// <summary>
/// Reads a signature header, <c>t=&lt;unix seconds&gt;,v1=&lt;64 hex digits&gt;[,v1=…]</c>: exactly one
/// <c>t</c>, at least one <c>v1</c>, unknown entries ignored, spaces around entries allowed.
/// </summary>
internal static class WebhookSignatureHeader
{
    /// <summary>The length of an HMAC-SHA256, in bytes.</summary>
    public const int MacSize = 32;

    private const int MaxHeaderLength = 4096;
    private const int MaxTimestampDigits = 18;

    public static bool TryParse(string header, out long timestamp, out List<byte[]> signatures, out string problem)
    {
        timestamp = 0;
        signatures = [];
        problem = string.Empty;
        if (header.Length > MaxHeaderLength)
        {
            problem = $"it is longer than {MaxHeaderLength} characters.";
            return false;
        }

        var timestamps = 0;
        foreach (var part in header.Split(','))
        {
            var item = part.Trim();
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = "every entry must be key=value.";
                return false;
            }

            var key = item[..equals];
            var value = item[(equals + 1)..];
            if (key == "t")
            {
                timestamps++;
                if (value.Length is 0 or > MaxTimestampDigits || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
                {
                    problem = "t must be the Unix time in seconds, in decimal digits.";
                    return false;
                }
            }
            else if (key == "v1")
            {
                if (value.Length != MacSize * 2 || !IsHex(value))
                {
                    problem = $"v1 must be {MacSize * 2} hex digits.";
                    return false;
                }

                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (timestamps != 1)
        {
            problem = "it must have exactly one t entry.";
            return false;
        }

        if (signatures.Count == 0)
        {
            problem = "it has no v1 signature.";
            return false;
        }

        return true;
    }

    private static bool IsHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
