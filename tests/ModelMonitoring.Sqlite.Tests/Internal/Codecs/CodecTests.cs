using System.Buffers;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Tests.Internal.Codecs;

public sealed class CodecTests
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    [Fact]
    public void Numeric_IsPackedLittleEndianFloat64()
    {
        var bytes = NumericCodec.Write([1.0, -2.5], _buffer).ToArray();

        bytes.ShouldBe([0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0x04, 0xC0]);
        NumericCodec.Read(bytes).ShouldBe([1.0, -2.5]);
    }

    [Fact]
    public void Strings_AreCountThenLengthPlusOneTaggedUtf8()
    {
        var bytes = StringListCodec.WriteStrings(["ab", null, "", "é"], _buffer).ToArray();

        bytes.ShouldBe([4, 3, (byte)'a', (byte)'b', 0, 1, 3, 0xC3, 0xA9]);
        StringListCodec.ReadStrings(bytes).ShouldBe(["ab", null, "", "é"]);
    }

    [Fact]
    public void Strings_LongerThan127Bytes_UseMultiByteLengths()
    {
        var text = new string('x', 300);

        var bytes = StringListCodec.WriteStrings([text], _buffer).ToArray();

        bytes[..3].ShouldBe([1, 0xAD, 0x02]);
        StringListCodec.ReadStrings(bytes).ShouldBe([text]);
    }

    [Fact]
    public void Pairs_RoundTrip()
    {
        var pairs = new Dictionary<string, string> { ["a"] = "1", ["ключ"] = string.Empty };

        StringListCodec.ReadPairs(StringListCodec.WritePairs(pairs, _buffer)).ShouldBe(pairs, ignoreOrder: true);
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 1, 5, (byte)'a' })]
    [InlineData(new byte[] { 9, 0 })]
    [InlineData(new byte[] { 1, 0x80 })]
    public void ReadStrings_OfATruncatedBlob_ThrowsInvalidData(byte[] blob) =>
        Should.Throw<InvalidDataException>(() => StringListCodec.ReadStrings(blob));

    [Fact]
    public void ReadNumeric_OfABlobNotAMultipleOf8_ThrowsInvalidData() =>
        Should.Throw<InvalidDataException>(() => NumericCodec.Read(new byte[7]));
}
