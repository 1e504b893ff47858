using System.Diagnostics;
using ModelMonitoring.Drift;
using Xunit.Abstractions;

namespace ModelMonitoring.Tests.Drift;

public sealed class FalseAlarmTests(ITestOutputHelper output)
{
    private const int Rows = 100_000;
    private const int Features = 5;
    private const int Datasets = 20;

    [Fact]
    public void AutomaticChoice_LargeDatasets_FlagsAtMostOnceWithoutDriftAndEveryTimeWithHalfSigmaShift()
    {
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(20240611);
        var reference = ReferenceProfile.Create(DriftData.NormalColumns(random, Features, Rows));
        var detector = new DatasetDriftDetector();
        var falseAlarms = 0;
        var detected = 0;

        for (var d = 0; d < Datasets; d++)
        {
            var current = DriftData.NormalColumns(random, Features, Rows);
            var quiet = detector.Detect(reference, current);
            falseAlarms += quiet.DatasetDrifted ? 1 : 0;
            quiet.Features.ShouldAllBe(f => f.Method == DriftMethods.Wasserstein);

            // The same draws shifted by 0.5 σ (every feature has σ = 1).
            foreach (var column in current.Values)
            {
                for (var i = 0; i < column.Length; i++)
                {
                    column[i] += 0.5;
                }
            }

            var shifted = detector.Detect(reference, current);
            detected += shifted.DatasetDrifted ? 1 : 0;
            shifted.Recommendation.ShouldBe(DriftSeverity.Critical);
        }

        output.WriteLine($"false alarms {falseAlarms}/{Datasets}, detected {detected}/{Datasets}, {stopwatch.ElapsedMilliseconds} ms");
        falseAlarms.ShouldBeLessThanOrEqualTo(1);
        detected.ShouldBe(Datasets);
    }
}
