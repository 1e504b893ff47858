using System.Buffers;
using System.Text;

namespace ModelMonitoring.Sqlite.Internal.Codecs;

/// <summary>
/// String lists as stored in BLOB columns (categorical features, health-check issues, feature names,
/// metric metadata): compact, unambiguous for missing and empty values, and not JSON.
/// </summary>
/// <remarks>
/// An unsigned LEB128 count, then per item an unsigned LEB128 tag — 0 for a missing value, otherwise
/// the UTF-8 byte length plus one — followed by those bytes. Metadata is a count of pairs followed by
/// each key and value in the same item form.
/// </remarks>
internal static class StringListCodec
{
    /// <summary>Encodes a string list into <paramref name="buffer"/>, which is reset first.</summary>
    public static ReadOnlySpan<byte> WriteStrings(ReadOnlySpan<string?> values, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        WriteVarint(buffer, (ulong)values.Length);
        foreach (var value in values)
        {
            WriteItem(buffer, value);
        }

        return buffer.WrittenSpan;
    }

    /// <summary>Encodes a string list given as a collection (health-check issues, feature names).</summary>
    public static ReadOnlySpan<byte> WriteStrings(IReadOnlyCollection<string> values, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        WriteVarint(buffer, (ulong)values.Count);
        var written = 0;
        foreach (var value in values)
        {
            WriteItem(buffer, value);
            written++;
        }

        CheckCount(values.Count, written);
        return buffer.WrittenSpan;
    }

    public static ReadOnlySpan<byte> WritePairs(IReadOnlyDictionary<string, string> pairs, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        WriteVarint(buffer, (ulong)pairs.Count);
        var written = 0;
        foreach (var (key, value) in pairs)
        {
            WriteItem(buffer, key);
            WriteItem(buffer, value);
            written++;
        }

        CheckCount(pairs.Count, written);
        return buffer.WrittenSpan;
    }

    public static string?[] ReadStrings(ReadOnlySpan<byte> blob)
    {
        var values = new string?[ReadCount(ref blob)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadItem(ref blob);
        }

        return values;
    }

    public static Dictionary<string, string> ReadPairs(ReadOnlySpan<byte> blob)
    {
        var count = ReadCount(ref blob);
        var pairs = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = ReadItem(ref blob) ?? throw new InvalidDataException("A metadata key is missing.");
            pairs[key] = ReadItem(ref blob) ?? throw new InvalidDataException("A metadata value is missing.");
        }

        return pairs;
    }

    private static void WriteItem(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteVarint(buffer, 0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(buffer, (ulong)length + 1);
        var written = Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(written);
    }

    private static string? ReadItem(ref ReadOnlySpan<byte> blob)
    {
        var tag = ReadVarint(ref blob);
        if (tag == 0)
        {
            return null;
        }

        if (tag - 1 > (ulong)blob.Length)
        {
            throw new InvalidDataException("A string in a blob runs past its end.");
        }

        var length = (int)(tag - 1);
        var value = Encoding.UTF8.GetString(blob[..length]);
        blob = blob[length..];
        return value;
    }

    private static int ReadCount(ref ReadOnlySpan<byte> blob)
    {
        var count = ReadVarint(ref blob);
        return count <= (ulong)blob.Length ? (int)count : throw new InvalidDataException($"A blob declares {count} items but holds {blob.Length} bytes.");
    }

    private static void WriteVarint(ArrayBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        buffer.Advance(i);
    }

    private static ulong ReadVarint(ref ReadOnlySpan<byte> blob)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (blob.IsEmpty)
            {
                throw new InvalidDataException("A blob ends inside a number.");
            }

            var b = blob[0];
            blob = blob[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A number in a blob is too long.");
    }

    // A collection whose Count disagrees with what it enumerates would write a blob that cannot be read back.
    private static void CheckCount(int declared, int written)
    {
        if (declared != written)
        {
            throw new InvalidOperationException($"The collection reported {declared} items but enumerated {written}.");
        }
    }
}
