using ModelMonitoring.Drift;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task ReferenceProfile_SavedThenRead_KeepsEveryStatisticValueBinAndCount()
    {
        await using var store = await CreateStoreAsync();
        var references = store.References.ShouldNotBeNull("the provider must pass its IReferenceProfileStore to StoreUnderTest");
        var saved = Reference(seed: 1, rows: 3_000);

        await references.SaveAsync("fraud", saved);
        var read = (await references.GetAsync("fraud")).ShouldNotBeNull();

        ShouldBeSameProfile(read, saved);
    }

    [Fact]
    public async Task ReferenceProfile_ThatKeepsItsRowOrder_ReadsBackByteForByte()
    {
        // The row order is what a multivariate check is fitted from after a restart.
        await using var store = await CreateStoreAsync();
        var references = store.References.ShouldNotBeNull();
        var random = new Random(5);
        var x = Enumerable.Range(0, 400).Select(_ => random.NextDouble()).ToArray();
        var saved = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["x"] = x, ["y"] = [.. x.Select(v => (v * 2) + random.NextDouble())] },
            keepRowOrder: true);

        await references.SaveAsync("joint", saved);
        var read = (await references.GetAsync("joint")).ShouldNotBeNull();

        read.ToBytes().ShouldBe(saved.ToBytes());
        read.ToBytes().Length.ShouldBeGreaterThan(ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = x, ["y"] = x }).ToBytes().Length);
    }

    [Fact]
    public async Task ReferenceProfile_SavedAgain_ReplacesTheEarlierOne_ForThatModelOnly()
    {
        await using var store = await CreateStoreAsync();
        var references = store.References.ShouldNotBeNull();
        var first = Reference(seed: 2, rows: 500);
        var second = Reference(seed: 3, rows: 700);
        var other = Reference(seed: 4, rows: 900);
        await references.SaveAsync("fraud", first);
        await references.SaveAsync("churn", other);

        await references.SaveAsync("fraud", second);

        ShouldBeSameProfile((await references.GetAsync("fraud")).ShouldNotBeNull(), second);
        ShouldBeSameProfile((await references.GetAsync("churn")).ShouldNotBeNull(), other);
    }

    [Fact]
    public async Task ReferenceProfile_Deleted_IsGone_AndDeletingOrReadingAMissingOneIsHarmless()
    {
        await using var store = await CreateStoreAsync();
        var references = store.References.ShouldNotBeNull();
        await references.SaveAsync("fraud", Reference(seed: 5, rows: 100));
        await references.SaveAsync("churn", Reference(seed: 6, rows: 100));

        await references.DeleteAsync("fraud");
        await references.DeleteAsync("never-saved");

        (await references.GetAsync("fraud")).ShouldBeNull();
        (await references.GetAsync("never-saved")).ShouldBeNull();
        (await references.GetAsync("churn")).ShouldNotBeNull();
    }

    private static ReferenceProfile Reference(int seed, int rows)
    {
        var random = new Random(seed);
        return ReferenceProfile.Create(
            new Dictionary<string, double[]>
            {
                ["amount"] = [.. Enumerable.Range(0, rows).Select(_ => Math.Exp(3 + random.NextDouble()))],
                ["tx_last_hour"] = [.. Enumerable.Range(0, rows).Select(_ => (double)random.Next(0, 5))],
            },
            new Dictionary<string, string[]> { ["country"] = [.. Enumerable.Range(0, rows).Select(_ => random.Next(3) switch { 0 => "NL", 1 => "DE", _ => "BR" })] });
    }

    private static void ShouldBeSameProfile(ReferenceProfile actual, ReferenceProfile expected)
    {
        actual.RowCount.ShouldBe(expected.RowCount);
        actual.NumericFeatures.Count.ShouldBe(expected.NumericFeatures.Count);
        foreach (var (a, e) in actual.NumericFeatures.Zip(expected.NumericFeatures))
        {
            a.Name.ShouldBe(e.Name);
            a.Sample.Values.ToArray().ShouldBe(e.Sample.Values.ToArray());
            new[] { a.Mean, a.StandardDeviation, a.Min, a.Max, a.Quartile1, a.Median, a.Quartile3, a.Skewness, a.ExcessKurtosis }
                .ShouldBe([e.Mean, e.StandardDeviation, e.Min, e.Max, e.Quartile1, e.Median, e.Quartile3, e.Skewness, e.ExcessKurtosis]);
            a.Histogram.Edges.ToArray().ShouldBe(e.Histogram.Edges.ToArray());
            a.Histogram.ReferenceCounts.ToArray().ShouldBe(e.Histogram.ReferenceCounts.ToArray());
        }

        actual.CategoricalFeatures.Count.ShouldBe(expected.CategoricalFeatures.Count);
        foreach (var (a, e) in actual.CategoricalFeatures.Zip(expected.CategoricalFeatures))
        {
            a.Name.ShouldBe(e.Name);
            a.Count.ShouldBe(e.Count);
            a.Categories.ShouldBe(e.Categories);
            a.Counts.ToArray().ShouldBe(e.Counts.ToArray());
        }
    }
}
