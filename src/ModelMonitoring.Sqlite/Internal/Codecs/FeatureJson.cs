using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelMonitoring.Sqlite.Internal.Codecs;

/// <summary>
/// Feature values as stored since schema version 5: JSON arrays in schema order, so plain SQL reads
/// them with <c>json_each</c> and <c>json_extract</c> (the <c>v_feature_values</c> view does).
/// Numeric values are written in their shortest round-trip form, so reading gives back the same
/// doubles; a value that is not finite (which the recording path never stores) is written as
/// <c>null</c> and read back as NaN. Categorical values are JSON strings, a missing one <c>null</c>.
/// </summary>
internal sealed class FeatureJson : IDisposable
{
    // The longest shortest-round-trip double, "-1.7976931348623157E+308", has 24 characters; one more for the comma.
    private const int MaxNumberBytes = 25;

    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    // Non-ASCII text stays as UTF-8 rather than \u escapes, so the stored JSON is readable as it is; SQLite's JSON functions read both.
    private readonly Utf8JsonWriter _writer;

    public FeatureJson() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    /// <summary>Writes the numeric values as a JSON array; the span is valid until the next call.</summary>
    public ReadOnlySpan<byte> WriteNumbers(ReadOnlySpan<double> values)
    {
        _buffer.ResetWrittenCount();
        var span = _buffer.GetSpan(2 + (values.Length * MaxNumberBytes));
        var length = 0;
        span[length++] = (byte)'[';
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                span[length++] = (byte)',';
            }

            if (double.IsFinite(values[i]) && values[i].TryFormat(span[length..], out var written, default, CultureInfo.InvariantCulture))
            {
                length += written;
            }
            else
            {
                "null"u8.CopyTo(span[length..]);
                length += 4;
            }
        }

        span[length++] = (byte)']';
        _buffer.Advance(length);
        return _buffer.WrittenSpan;
    }

    /// <summary>Writes the categorical values as a JSON array of strings and nulls; the span is valid until the next call.</summary>
    public ReadOnlySpan<byte> WriteStrings(ReadOnlySpan<string?> values)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        foreach (var value in values)
        {
            if (value is null)
            {
                _writer.WriteNullValue();
            }
            else
            {
                _writer.WriteStringValue(value);
            }
        }

        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public void Dispose() => _writer.Dispose();

    public static double[] ReadNumbers(string json)
    {
        using var document = Parse(json);
        var values = new double[document.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            values[i++] = element.ValueKind switch
            {
                JsonValueKind.Number => element.GetDouble(),
                JsonValueKind.Null => double.NaN,
                _ => throw new InvalidDataException($"A numeric feature array holds a {element.ValueKind}, not a number."),
            };
        }

        return values;
    }

    public static string?[] ReadStrings(string json)
    {
        using var document = Parse(json);
        var values = new string?[document.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            values[i++] = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Null => null,
                _ => throw new InvalidDataException($"A categorical feature array holds a {element.ValueKind}, not a string."),
            };
        }

        return values;
    }

    private static JsonDocument Parse(string json)
    {
        var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new InvalidDataException("A feature column holds JSON that is not an array.");
        }

        return document;
    }
}
