using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ModelMonitoring.Sqlite.Internal.Codecs;

/// <summary>Numeric feature values (and class probabilities, explanation values) as stored: float64 values packed little-endian, 8 bytes each, in order.</summary>
internal static class NumericCodec
{
    /// <summary>Gets the numeric values as bytes, without copying where the machine is little-endian.</summary>
    public static ReadOnlySpan<byte> Write(ReadOnlySpan<double> values, ArrayBufferWriter<byte> scratch)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(values);
        }

        scratch.ResetWrittenCount();
        var span = scratch.GetSpan(values.Length * sizeof(double));
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[(i * sizeof(double))..], values[i]);
        }

        scratch.Advance(values.Length * sizeof(double));
        return scratch.WrittenSpan;
    }

    public static double[] Read(ReadOnlySpan<byte> blob)
    {
        if (blob.Length % sizeof(double) != 0)
        {
            throw new InvalidDataException($"A packed float64 blob has {blob.Length} bytes, which is not a multiple of 8.");
        }

        var values = new double[blob.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(blob[(i * sizeof(double))..]);
        }

        return values;
    }
}
