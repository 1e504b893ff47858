using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Tests.Drift.Streaming;

public sealed class DetectorBehaviourTests
{
    [Theory]
    [MemberData(nameof(Detectors.Names), MemberType = typeof(Detectors))]
    public void Reset_MidStream_DetectsLikeANewDetector(string name)
    {
        var stream = RiverFixture.StreamOf(name);
        var detector = Detectors.Create(name);
        foreach (var value in stream.Take(1_400))
        {
            detector.Update(value);
        }

        detector.Reset();

        detector.DriftDetected.ShouldBeFalse();
        detector.WarningDetected.ShouldBeFalse();
        RiverFixture.Events(detector, stream).ShouldBe(RiverFixture.ExpectedEvents(name));
    }

    [Theory]
    [MemberData(nameof(Detectors.Names), MemberType = typeof(Detectors))]
    public void Update_NonFiniteValues_AreIgnored(string name)
    {
        var stream = RiverFixture.StreamOf(name);
        var withGaps = stream.SelectMany((v, i) => i % 7 == 0 ? new[] { double.NaN, v, double.PositiveInfinity } : new[] { v }).ToArray();
        var detector = Detectors.Create(name);
        var events = new List<string>();
        var finiteIndex = -1;
        foreach (var value in withGaps)
        {
            detector.Update(value);
            finiteIndex += double.IsFinite(value) ? 1 : 0;
            if (double.IsFinite(value) && detector.DriftDetected)
            {
                events.Add($"drift@{finiteIndex}");
            }
        }

        events.ShouldBe(RiverFixture.ExpectedEvents(name).Where(e => e.StartsWith("drift", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Detectors.Names), MemberType = typeof(Detectors))]
    public void Update_AfterConstruction_AllocatesNothing(string name)
    {
        var stream = RiverFixture.StreamOf(name);
        var detector = Detectors.Create(name);
        Feed(detector, stream);   // warm up: JIT, every code path, resets after drifts

        var before = GC.GetAllocatedBytesForCurrentThread();
        Feed(detector, stream);
        Feed(detector, stream);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBe(0);
    }

    [Theory]
    [InlineData("adwin")]
    [InlineData("page_hinkley")]
    [InlineData("kswin")]
    public void WarningDetected_DetectorsWithoutWarningZone_AlwaysFalse(string name)
    {
        var detector = Detectors.Create(name);
        foreach (var value in RiverFixture.StreamOf(name))
        {
            detector.Update(value);
            detector.WarningDetected.ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData("ddm", 1084, 1334)]
    [InlineData("eddm", 1059, 1278)]
    [InlineData("hddm_a", 451, 1206)]
    public void WarningDetected_BeforeDrift_ClearedByTheDriftAndTheReset(string name, int firstWarning, int drift)
    {
        var stream = RiverFixture.StreamOf(name);
        var detector = Detectors.Create(name);
        var warnings = new List<int>();
        for (var i = 0; i <= drift + 1; i++)
        {
            detector.Update(stream[i]);
            if (detector.WarningDetected)
            {
                warnings.Add(i);
                detector.DriftDetected.ShouldBeFalse();
            }

            if (i == drift)
            {
                detector.DriftDetected.ShouldBeTrue();
            }
        }

        warnings[0].ShouldBe(firstWarning);
        warnings.ShouldNotContain(drift);
        warnings.ShouldNotContain(drift + 1);   // the update after a drift starts afresh
        detector.DriftDetected.ShouldBeFalse();
    }

    private static void Feed(IStreamingDriftDetector detector, double[] stream)
    {
        foreach (var value in stream)
        {
            detector.Update(value);
        }
    }
}
