using System.Text;
using System.Text.RegularExpressions;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>One message as <see cref="FakeSmtpServer"/> received it: envelope, raw data, and the decoded subject and body.</summary>
public sealed partial record ReceivedMail(string MailFrom, IReadOnlyList<string> RecipientsTo, string Data, string? AuthUser, string? AuthPassword, bool OverTls = false)
{
    public IReadOnlyDictionary<string, string> Headers => ParseHeaders(Data.Split("\r\n\r\n", 2)[0]);

    public string Subject => DecodeWords(Headers.GetValueOrDefault("Subject", string.Empty));

    /// <summary>The body, with its transfer encoding (quoted-printable, base64 or none) undone.</summary>
    public string Body
    {
        get
        {
            var raw = Data.Split("\r\n\r\n", 2) is [_, var body] ? body : string.Empty;
            var encoding = Headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").Trim().ToLowerInvariant();
            return encoding switch
            {
                "quoted-printable" => Encoding.UTF8.GetString(QuotedPrintable(raw)),
                "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(raw.Replace("\r\n", string.Empty, StringComparison.Ordinal))),
                _ => raw,
            };
        }
    }

    private static Dictionary<string, string> ParseHeaders(string block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in block.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += line;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                last = line[..colon];
                headers[last] = line[(colon + 1)..].TrimStart();
            }
        }

        return headers;
    }

    /// <summary>Decodes RFC 2047 encoded words (<c>=?utf-8?B?…?=</c> and <c>=?utf-8?Q?…?=</c>); whitespace between words goes.</summary>
    private static string DecodeWords(string value)
    {
        var joined = WordGap().Replace(value, "?==?");
        return EncodedWord().Replace(joined, match =>
        {
            var charset = Encoding.GetEncoding(match.Groups["charset"].Value);
            var text = match.Groups["text"].Value;
            var bytes = match.Groups["mode"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(text)
                : QuotedPrintable(text.Replace('_', ' '));
            return charset.GetString(bytes);
        });
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length + 1)
            {
                if (i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
                {
                    i += 2; // a soft line break
                    continue;
                }

                if (i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
                {
                    bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                    i += 2;
                    continue;
                }
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex WordGap();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<mode>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}
