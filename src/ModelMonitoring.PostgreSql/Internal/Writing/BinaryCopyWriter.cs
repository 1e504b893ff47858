using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ModelMonitoring.Recording;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Writes rows in PostgreSQL's binary <c>COPY</c> format (a signature, one tuple per row, a trailer) to a raw binary
/// <c>COPY</c>, for the few column types of the recording tables. Rows are encoded into a pooled buffer that is handed
/// to the server each time it fills, so the server inserts rows while later ones are encoded.
/// </summary>
/// <remarks>
/// <para>
/// This replaces <c>NpgsqlBinaryImporter</c>'s value-by-value writes on the ingestion path, where they were most of the
/// client's time (docs/benchmarks.md); the bytes are the same as the importer's for these types, which the storage
/// contract suite reads back.
/// </para>
/// <para>
/// A row's largest size is reserved before it is written (<see cref="ReserveAsync"/>), so the per-value writes are
/// plain stores into the buffer with no await. A <c>COPY</c> that is not completed is cancelled when the writer is
/// disposed: the server discards it, and the transaction it was part of is rolled back by its owner.
/// </para>
/// </remarks>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;
    private const int Float8Oid = 701;
    private const int TextOid = 25;

    // Microseconds count from 2000-01-01 00:00:00 UTC in a binary timestamptz.
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    // Strict, as Npgsql's own text encoding: a string with a lone surrogate fails the write rather than being stored altered.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _position;
    private bool _ended;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;

        // The signature "PGCOPY\n\377\r\n\0", then a flags field and a header extension length, both zero.
        ReadOnlySpan<byte> signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
        signature.CopyTo(_buffer);
        _position = signature.Length;
        WriteInt32Raw(0);
        WriteInt32Raw(0);
    }

    /// <summary>Starts a binary <c>COPY … FROM STDIN (FORMAT BINARY)</c> on the connection.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copySql, int commandTimeout, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(copySql, cancellationToken).ConfigureAwait(false);
        stream.WriteTimeout = commandTimeout == 0 ? Timeout.Infinite : checked(commandTimeout * 1000);
        return new BinaryCopyWriter(stream);
    }

    /// <summary>Gets the largest number of bytes a text column takes.</summary>
    public static int TextSize(string? value) => 4 + (value is null ? 0 : Utf8.GetMaxByteCount(value.Length));

    /// <summary>Gets the largest number of bytes a <c>double precision[]</c> column of <paramref name="length"/> values takes.</summary>
    public static int DoubleArraySize(int length) => 4 + 20 + (length * 12);

    /// <summary>Gets the largest number of bytes a <c>text[]</c> column takes.</summary>
    public static int TextArraySize(ReadOnlySpan<string?> values)
    {
        var size = 4 + 20;
        foreach (var value in values)
        {
            size += TextSize(value);
        }

        return size;
    }

    /// <summary>Makes room for <paramref name="bytes"/> more bytes, handing what is buffered to the server when it must.</summary>
    public ValueTask ReserveAsync(int bytes, CancellationToken cancellationToken) =>
        _buffer.Length - _position >= bytes ? default : FlushAndReserveAsync(bytes, cancellationToken);

    /// <summary>Starts a row of <paramref name="fields"/> columns.</summary>
    public void StartRow(short fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), fields);
        _position += 2;
    }

    public void WriteNull() => WriteInt32Raw(-1);

    public void WriteInt32(int value)
    {
        WriteInt32Raw(4);
        WriteInt32Raw(value);
    }

    public void WriteInt64(long value)
    {
        WriteInt32Raw(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    public void WriteDouble(double value)
    {
        WriteInt32Raw(8);
        WriteDoubleRaw(value);
    }

    /// <summary>Writes a <c>uuid</c>: the id's 16 bytes, most significant first, as <see cref="PredictionId.ToGuid"/> maps them.</summary>
    public void WriteUuid(PredictionId id)
    {
        WriteInt32Raw(PredictionId.ByteCount);
        id.WriteBytes(_buffer.AsSpan(_position, PredictionId.ByteCount));
        _position += PredictionId.ByteCount;
    }

    /// <summary>Writes a <c>timestamptz</c> of a time already truncated to the microsecond (<see cref="Timestamps.ToStored(DateTimeOffset)"/>).</summary>
    public void WriteTimestamp(DateTime utc) => WriteInt64((utc.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);

    /// <summary>Writes a text column (UTF-8).</summary>
    public void WriteText(string value)
    {
        var length = Utf8.GetBytes(value, _buffer.AsSpan(_position + 4));
        WriteInt32Raw(length);
        _position += length;
    }

    /// <summary>Writes a text column whose value is a constant ASCII string.</summary>
    public void WriteText(ReadOnlySpan<byte> ascii)
    {
        WriteInt32Raw(ascii.Length);
        ascii.CopyTo(_buffer.AsSpan(_position));
        _position += ascii.Length;
    }

    /// <summary>Writes a one-dimensional <c>double precision[]</c>; NaN is written as a NULL element (a missing value).</summary>
    public void WriteDoubleArray(ReadOnlySpan<double> values)
    {
        var start = _position;
        _position += 4;
        var hasNull = values.ContainsAnyExceptInRange(double.NegativeInfinity, double.PositiveInfinity);
        WriteArrayHeader(values.Length, hasNull, Float8Oid);
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                WriteInt32Raw(-1);
            }
            else
            {
                WriteInt32Raw(8);
                WriteDoubleRaw(value);
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start), _position - start - 4);
    }

    /// <summary>Writes a one-dimensional <c>text[]</c>; a null element is written as NULL.</summary>
    public void WriteTextArray(ReadOnlySpan<string?> values)
    {
        var start = _position;
        _position += 4;
        var hasNull = values.Contains(null);
        WriteArrayHeader(values.Length, hasNull, TextOid);
        foreach (var value in values)
        {
            if (value is null)
            {
                WriteInt32Raw(-1);
            }
            else
            {
                WriteText(value);
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start), _position - start - 4);
    }

    /// <summary>Writes the trailer and completes the <c>COPY</c>; a server error (a unique violation, say) is thrown from here.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await ReserveAsync(2, cancellationToken).ConfigureAwait(false);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), -1);
        _position += 2;
        await _stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken).ConfigureAwait(false);
        _position = 0;

        // Disposing a raw COPY that is not cancelled ends it and reads the server's answer; either way it is over.
        _ended = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_ended)
            {
                _ended = true;
                try
                {
                    await _stream.CancelAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException)
                {
                    // The COPY is over already: Npgsql ended it when a cancelled write broke off (ObjectDisposedException),
                    // or the connection broke (NpgsqlException). Either way the server has dropped the COPY and its
                    // transaction with it, and the exception that stopped the write is already on its way to the caller.
                }

                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private async ValueTask FlushAndReserveAsync(int bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken).ConfigureAwait(false);
        _position = 0;
        if (_buffer.Length < bytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }

    private void WriteArrayHeader(int length, bool hasNull, int elementOid)
    {
        WriteInt32Raw(1);
        WriteInt32Raw(hasNull ? 1 : 0);
        WriteInt32Raw(elementOid);
        WriteInt32Raw(length);
        WriteInt32Raw(1);
    }

    private void WriteInt32Raw(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    private void WriteDoubleRaw(double value)
    {
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }
}
