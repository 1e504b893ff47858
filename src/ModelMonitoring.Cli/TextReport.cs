using System.Globalization;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>Writes the drift result as an aligned table followed by the verdict line.</summary>
internal static class TextReport
{
    private static readonly string[] Headings = ["column", "type", "method", "statistic", "p-value", "threshold", "drift"];

    public static void Write(TextWriter output, DatasetDriftResult result, IReadOnlyList<FeatureDriftResult> features)
    {
        var rows = new List<string[]> { Headings };
        rows.AddRange(features.Select(f => new[]
        {
            f.Feature,
            f.Kind == FeatureKind.Numeric ? "numeric" : "categorical",
            f.Method,
            Format(f.Statistic),
            f.PValue is { } p ? Format(p) : "-",
            Format(f.Threshold),
            f.Drifted ? "DRIFT" : "ok",
        }));

        var widths = Enumerable.Range(0, Headings.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            // Text columns are left-aligned, numbers right-aligned.
            var cells = row.Select((cell, i) => i is >= 3 and <= 5 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }

        output.WriteLine();
        var share = result.DriftedShare.ToString("P1", CultureInfo.InvariantCulture);
        output.WriteLine(result.DatasetDrifted
            ? $"Drift detected: {result.DriftedCount} of {features.Count} columns drifted ({share})."
            : $"No drift: {result.DriftedCount} of {features.Count} columns drifted ({share}).");
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("G4", CultureInfo.InvariantCulture);
}
