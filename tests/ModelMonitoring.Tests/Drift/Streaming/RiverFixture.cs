using System.Text.Json;
using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Tests.Drift.Streaming;

/// <summary>
/// Loads tests/fixtures/streaming/river.json (written by tests/fixtures/generate_streaming_fixtures.py):
/// the seeded input streams of River's docstring examples and the events those examples print.
/// </summary>
internal static class RiverFixture
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "streaming", "river.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static double[] Stream(string name) =>
        Root.GetProperty("streams").GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static JsonElement Case(string detector) =>
        Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("detector").GetString() == detector);

    /// <summary>The events River's example prints, as "warning@1084", "drift@1334".</summary>
    public static string[] ExpectedEvents(string detector) =>
        Case(detector).GetProperty("events").EnumerateArray().Select(e => $"{e[0].GetString()}@{e[1].GetInt32()}").ToArray();

    public static double[] StreamOf(string detector) => Stream(Case(detector).GetProperty("stream").GetString()!);

    /// <summary>
    /// Feeds the stream and records events as River's examples print them: a drift at every
    /// detection; a warning only at the first update in the warning zone after the start or a drift.
    /// </summary>
    public static string[] Events(IStreamingDriftDetector detector, double[] stream)
    {
        var events = new List<string>();
        var printWarning = true;
        for (var i = 0; i < stream.Length; i++)
        {
            detector.Update(stream[i]);
            if (detector.WarningDetected && printWarning)
            {
                events.Add($"warning@{i}");
                printWarning = false;
            }

            if (detector.DriftDetected)
            {
                events.Add($"drift@{i}");
                printWarning = true;
            }
        }

        return [.. events];
    }

    public static int[] DriftIndices(IStreamingDriftDetector detector, IReadOnlyList<double> stream)
    {
        var indices = new List<int>();
        for (var i = 0; i < stream.Count; i++)
        {
            detector.Update(stream[i]);
            if (detector.DriftDetected)
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }
}
