using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ModelMonitoring.Recording;

/// <summary>
/// A 128-bit identifier of a recorded prediction, used to join ground truth that arrives later.
/// </summary>
/// <remarks>
/// Generated identifiers are a random per-process prefix (<see cref="High"/>) followed by a
/// per-process sequence (<see cref="Low"/>), so they are unique across replicas and restarts and
/// sort roughly by recording order. Callers that already have a request identifier can supply their
/// own through <see cref="Prediction.Id"/> or <see cref="FromGuid(Guid)"/>.
/// The text form is 32 lower-case hexadecimal digits.
/// </remarks>
public readonly struct PredictionId : IEquatable<PredictionId>, IComparable<PredictionId>, ISpanFormattable
{
    /// <summary>The number of bytes in the binary form written by <see cref="WriteBytes(Span{byte})"/>.</summary>
    public const int ByteCount = 16;

    /// <summary>Initializes a new identifier from its two halves.</summary>
    /// <param name="high">The most significant 64 bits.</param>
    /// <param name="low">The least significant 64 bits.</param>
    public PredictionId(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>Gets the empty identifier, returned when a prediction was not accepted.</summary>
    public static PredictionId Empty => default;

    /// <summary>Gets the most significant 64 bits.</summary>
    public ulong High { get; }

    /// <summary>Gets the least significant 64 bits.</summary>
    public ulong Low { get; }

    /// <summary>Gets a value indicating whether this is the empty identifier.</summary>
    public bool IsEmpty => High == 0 && Low == 0;

    /// <summary>Creates an identifier holding the 128 bits of a <see cref="Guid"/> (big-endian order).</summary>
    /// <param name="value">The GUID to convert.</param>
    /// <returns>The identifier.</returns>
    public static PredictionId FromGuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return FromBytes(bytes);
    }

    /// <summary>Reads an identifier from its 16-byte big-endian binary form.</summary>
    /// <param name="bytes">Exactly <see cref="ByteCount"/> bytes.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 16 bytes long.</exception>
    public static PredictionId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteCount)
        {
            throw new ArgumentException($"A prediction id has {ByteCount} bytes; got {bytes.Length}.", nameof(bytes));
        }

        return new PredictionId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Parses the 32-digit hexadecimal text form.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="id">The parsed identifier.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is 32 hexadecimal digits.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out PredictionId id)
    {
        id = default;
        if (text is null || text.Length != 32
            || !ulong.TryParse(text.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !ulong.TryParse(text.AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return false;
        }

        id = new PredictionId(high, low);
        return true;
    }

    /// <summary>Writes the 16-byte big-endian binary form, which sorts like the identifier.</summary>
    /// <param name="destination">At least <see cref="ByteCount"/> bytes.</param>
    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>Returns the 16-byte big-endian binary form.</summary>
    /// <returns>A new array of <see cref="ByteCount"/> bytes.</returns>
    public byte[] ToByteArray()
    {
        var bytes = new byte[ByteCount];
        WriteBytes(bytes);
        return bytes;
    }

    /// <summary>Converts the identifier to a <see cref="Guid"/> holding the same 128 bits.</summary>
    /// <returns>The GUID.</returns>
    public Guid ToGuid()
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        WriteBytes(bytes);
        return new Guid(bytes, bigEndian: true);
    }

    /// <inheritdoc/>
    public bool Equals(PredictionId other) => High == other.High && Low == other.Low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PredictionId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <inheritdoc/>
    public int CompareTo(PredictionId other)
    {
        var byHigh = High.CompareTo(other.High);
        return byHigh != 0 ? byHigh : Low.CompareTo(other.Low);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{High:x16}{Low:x16}");

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (destination.Length < 32
            || !High.TryFormat(destination, out _, "x16", CultureInfo.InvariantCulture)
            || !Low.TryFormat(destination[16..], out _, "x16", CultureInfo.InvariantCulture))
        {
            return false;
        }

        charsWritten = 32;
        return true;
    }

    /// <summary>Compares two identifiers for equality.</summary>
    public static bool operator ==(PredictionId left, PredictionId right) => left.Equals(right);

    /// <summary>Compares two identifiers for inequality.</summary>
    public static bool operator !=(PredictionId left, PredictionId right) => !left.Equals(right);

    /// <summary>Orders two identifiers.</summary>
    public static bool operator <(PredictionId left, PredictionId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two identifiers.</summary>
    public static bool operator >(PredictionId left, PredictionId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two identifiers.</summary>
    public static bool operator <=(PredictionId left, PredictionId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two identifiers.</summary>
    public static bool operator >=(PredictionId left, PredictionId right) => left.CompareTo(right) >= 0;
}
