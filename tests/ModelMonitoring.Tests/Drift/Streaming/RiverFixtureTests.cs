using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Tests.Drift.Streaming;

/// <summary>
/// Each built-in detector, with the parameters of River's docstring example, warns and detects at
/// exactly the indices that example prints for the same seeded stream.
/// </summary>
public sealed class RiverFixtureTests
{
    [Fact]
    public void Ddm_RiverExample_SameWarningsAndDrifts() =>
        RiverFixture.Events(StreamingDriftDetectors.Ddm(), RiverFixture.StreamOf("ddm"))
            .ShouldBe(RiverFixture.ExpectedEvents("ddm"));

    [Fact]
    public void Eddm_RiverExample_SameWarningsAndDrifts() =>
        RiverFixture.Events(StreamingDriftDetectors.Eddm(alpha: 0.8, beta: 0.75), RiverFixture.StreamOf("eddm"))
            .ShouldBe(RiverFixture.ExpectedEvents("eddm"));

    [Fact]
    public void HddmA_RiverExample_SameWarningsAndDrifts() =>
        RiverFixture.Events(StreamingDriftDetectors.HddmA(), RiverFixture.StreamOf("hddm_a"))
            .ShouldBe(RiverFixture.ExpectedEvents("hddm_a"));

    [Fact]
    public void Adwin_RiverExample_SameDrifts() =>
        RiverFixture.Events(StreamingDriftDetectors.Adwin(), RiverFixture.StreamOf("adwin"))
            .ShouldBe(RiverFixture.ExpectedEvents("adwin"));

    [Fact]
    public void PageHinkley_RiverExample_SameDrifts() =>
        RiverFixture.Events(StreamingDriftDetectors.PageHinkley(), RiverFixture.StreamOf("page_hinkley"))
            .ShouldBe(RiverFixture.ExpectedEvents("page_hinkley"));

    [Fact]
    public void Kswin_RiverExampleWithSeed42_SameDrifts() =>
        RiverFixture.Events(StreamingDriftDetectors.Kswin(alpha: 0.0001, seed: 42), RiverFixture.StreamOf("kswin"))
            .ShouldBe(RiverFixture.ExpectedEvents("kswin"));

    [Theory]
    [InlineData("kswin_samples")]
    [InlineData("kswin_samples_large")]
    public void PythonRandom_Sample_DrawsWhatPythonDraws(string name)
    {
        var spec = RiverFixture.Root.GetProperty(name);
        var population = spec.GetProperty("window_size").GetInt32() - spec.GetProperty("stat_size").GetInt32();
        var random = new PythonRandom(population);
        random.Seed(spec.GetProperty("seed").GetInt32());
        var drawn = new int[spec.GetProperty("stat_size").GetInt32()];

        foreach (var expected in spec.GetProperty("draws").EnumerateArray())
        {
            random.Sample(population, drawn);
            drawn.ShouldBe(expected.EnumerateArray().Select(v => v.GetInt32()).ToArray());
        }
    }
}
