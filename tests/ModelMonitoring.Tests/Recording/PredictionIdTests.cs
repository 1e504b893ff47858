using ModelMonitoring.Recording;

namespace ModelMonitoring.Tests.Recording;

public class PredictionIdTests
{
    [Fact]
    public void TextForm_RoundTrips()
    {
        var id = new PredictionId(0x0123456789abcdef, 0xfedcba9876543210);

        id.ToString().ShouldBe("0123456789abcdeffedcba9876543210");
        PredictionId.TryParse(id.ToString(), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123")]
    [InlineData("zz23456789abcdeffedcba9876543210")]
    public void TryParse_Invalid_ReturnsFalse(string? text) => PredictionId.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void BinaryForm_IsBigEndianAndSortsLikeTheId()
    {
        var small = new PredictionId(1, ulong.MaxValue);
        var large = new PredictionId(2, 0);

        small.ToByteArray()[7].ShouldBe((byte)1);
        PredictionId.FromBytes(small.ToByteArray()).ShouldBe(small);
        small.ShouldBeLessThan(large);
        small.ToByteArray().AsSpan().SequenceCompareTo(large.ToByteArray()).ShouldBeLessThan(0);
    }

    [Fact]
    public void Guid_RoundTrips()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        PredictionId.FromGuid(guid).ToGuid().ShouldBe(guid);
        PredictionId.FromGuid(guid).ToString().ShouldBe("0f8fad5bd9cb469fa16570867728950e");
    }

    [Fact]
    public void FromBytes_WrongLength_Throws() =>
        Should.Throw<ArgumentException>(() => PredictionId.FromBytes(new byte[15])).ParamName.ShouldBe("bytes");
}
