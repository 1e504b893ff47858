using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

public sealed class ReferenceProfileCodecTests
{
    private static ReferenceProfile Profile()
    {
        var random = new Random(11);
        var integers = Enumerable.Range(0, 5_000).Select(_ => (double)random.Next(0, 20)).ToArray();
        var signedZeros = Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : 1.5).ToArray();
        return ReferenceProfile.Create(
            new Dictionary<string, double[]>
            {
                ["normal"] = DriftData.Normal(random, 5_000, mean: 3, deviation: 2),
                ["integers"] = integers,
                ["constant"] = Enumerable.Repeat(7.25, 5_000).ToArray(),
                ["zeros"] = [.. signedZeros, .. Enumerable.Repeat(2.0, 4_900)],
            },
            new Dictionary<string, string[]>
            {
                ["country"] = DriftData.Labels(random, 5_000, "NL", "DE", "Ünïcödé", ""),
            });
    }

    [Fact]
    public void RoundTrip_KeepsEveryStatisticValueBinAndCountExactly()
    {
        var original = Profile();

        var restored = ReferenceProfileCodec.Deserialize(ReferenceProfileCodec.Serialize(original));

        restored.RowCount.ShouldBe(original.RowCount);
        restored.NumericFeatures.Select(f => f.Name).ShouldBe(original.NumericFeatures.Select(f => f.Name));
        foreach (var (expected, actual) in original.NumericFeatures.Zip(restored.NumericFeatures))
        {
            Bits(actual.Sample.Values.ToArray()).ShouldBe(Bits(expected.Sample.Values.ToArray()));
            Bits(actual.Mean, actual.StandardDeviation, actual.Sample.Variance, actual.Sample.PopulationStandardDeviation, actual.Min, actual.Max,
                    actual.Quartile1, actual.Median, actual.Quartile3, actual.Skewness, actual.ExcessKurtosis)
                .ShouldBe(Bits(expected.Mean, expected.StandardDeviation, expected.Sample.Variance, expected.Sample.PopulationStandardDeviation, expected.Min, expected.Max,
                    expected.Quartile1, expected.Median, expected.Quartile3, expected.Skewness, expected.ExcessKurtosis));
            actual.Count.ShouldBe(expected.Count);
            Bits(actual.Histogram.Edges.ToArray()).ShouldBe(Bits(expected.Histogram.Edges.ToArray()));
            actual.Histogram.ReferenceCounts.ToArray().ShouldBe(expected.Histogram.ReferenceCounts.ToArray());
            actual.Histogram.ReferenceTotal.ShouldBe(expected.Histogram.ReferenceTotal);
        }

        var country = restored.CategoricalFeatures.ShouldHaveSingleItem();
        country.Name.ShouldBe("country");
        country.Count.ShouldBe(5_000);
        country.Categories.ShouldBe(original.CategoricalFeatures[0].Categories);
        country.Counts.ToArray().ShouldBe(original.CategoricalFeatures[0].Counts.ToArray());
    }

    [Fact]
    public void RestoredProfile_GivesTheSameDriftResultsAsTheOriginal()
    {
        var original = Profile();
        var restored = ReferenceProfileCodec.Deserialize(ReferenceProfileCodec.Serialize(original));
        var random = new Random(12);
        var numeric = original.NumericFeatures.ToDictionary(f => f.Name, _ => DriftData.Normal(random, 500, mean: 2));
        var categorical = new Dictionary<string, string[]> { ["country"] = DriftData.Labels(random, 500, "NL", "FR") };
        var detector = new DatasetDriftDetector(new DatasetDriftOptions { Methods = { ["integers"] = new(DriftMethods.PopulationStabilityIndex, 0.2) } });

        detector.Detect(restored, numeric, categorical).Features.ShouldBe(detector.Detect(original, numeric, categorical).Features);
    }

    [Fact]
    public void ColumnsWithTies_AreStoredAsRuns()
    {
        var ties = ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = Enumerable.Range(0, 100_000).Select(i => (double)(i % 10)).ToArray() });
        var distinct = ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = Enumerable.Range(0, 100_000).Select(i => i * 0.5).ToArray() });

        ReferenceProfileCodec.Serialize(ties).Length.ShouldBeLessThan(1_000);
        ReferenceProfileCodec.Serialize(distinct).Length.ShouldBeInRange(800_000, 801_000);
    }

    [Fact]
    public void DamagedOrForeignData_ThrowsInvalidData()
    {
        var bytes = ReferenceProfileCodec.Serialize(Profile());

        Should.Throw<InvalidDataException>(() => ReferenceProfileCodec.Deserialize(bytes[..(bytes.Length / 2)]));
        Should.Throw<InvalidDataException>(() => ReferenceProfileCodec.Deserialize([.. bytes, 0]));
        Should.Throw<InvalidDataException>(() => ReferenceProfileCodec.Deserialize("JUNKJUNK"u8.ToArray()));
        Should.Throw<InvalidDataException>(() => ReferenceProfileCodec.Deserialize([]));
        var future = bytes.ToArray();
        future[4] = 3;
        Should.Throw<InvalidDataException>(() => ReferenceProfileCodec.Deserialize(future)).Message.ShouldContain("format version 3");
    }

    [Fact]
    public void RowOrder_RoundTrips_SoTheColumnsComeBackRowAligned()
    {
        var random = new Random(13);
        var x = DriftData.Normal(random, 1_000);
        var y = x.Select(v => 10 - Math.Round(v, 1)).ToArray();
        var original = ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = x, ["y"] = y }, keepRowOrder: true);

        var restored = ReferenceProfileCodec.Deserialize(ReferenceProfileCodec.Serialize(original));

        var columns = restored.RowAlignedNumericColumns().ShouldNotBeNull();
        Bits(columns["x"]).ShouldBe(Bits(x));
        Bits(columns["y"]).ShouldBe(Bits(y));
        ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = x }).RowAlignedNumericColumns().ShouldBeNull();
    }

    [Fact]
    public void Version1Data_WithoutRowOrder_IsStillRead()
    {
        var bytes = ReferenceProfileCodec.Serialize(Profile());
        byte[] version1 = [.. bytes[..^1]];
        version1[4] = 1;

        var restored = ReferenceProfileCodec.Deserialize(version1);

        restored.RowOrder.ShouldBeNull();
        ReferenceProfileCodec.Serialize(restored).ShouldBe(bytes);
    }

    [Fact]
    public void HugeDeclaredLength_IsRejectedBeforeAllocating()
    {
        // Magic, version 1, 10 rows, one numeric feature named "x" declaring int.MaxValue raw values.
        byte[] data = [.. "MMRP"u8, 1, 10, 1, 1, (byte)'x', 0xFF, 0xFF, 0xFF, 0xFF, 0x07, .. new byte[64], 0];

        Should.Throw<InvalidDataException>(() => ReferenceProfileCodec.Deserialize(data));
    }

    private static long[] Bits(params double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
