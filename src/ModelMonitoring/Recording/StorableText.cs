using System.Buffers;

namespace ModelMonitoring.Recording;

/// <summary>
/// Whether every store can keep a recorded text as it is: no NUL character (PostgreSQL's <c>text</c> cannot hold one,
/// and the whole batch holding it would fail) and no unpaired surrogate (not Unicode, so it has no UTF-8 form). Text
/// that fails is refused when it is recorded (<see cref="DropReason.InvalidValue"/>), never stored altered.
/// </summary>
internal static class StorableText
{
    // NUL and every surrogate: one vectorized pass finds any of them; the pairing is only walked when one is found.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(string.Create(0x801, 0, static (chars, _) =>
    {
        chars[0] = '\0';
        for (var i = 1; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i - 1);
        }
    }));

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        var first = text.IndexOfAny(Suspicious);
        if (first < 0)
        {
            return true;
        }

        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the text is null or storable.</summary>
    public static bool IsStorableOrNull(string? text) => text is null || IsStorable(text);
}
