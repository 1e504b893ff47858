using System.Globalization;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>Writes the drift result as aligned tables followed by the verdict lines.</summary>
internal static class TextReport
{
    private static readonly string[] Headings = ["column", "type", "method", "statistic", "p-value", "threshold", "drift", "shift"];

    private static readonly string[] SummaryHeadings = ["column", "missing", "mean", "p5", "p50", "p95", "categories"];

    private static readonly string[] ComponentHeadings = ["component", "explained", "statistic", "p-value", "threshold", "drift"];

    public static void Write(
        TextWriter output, DatasetDriftResult result, IReadOnlyList<FeatureDriftResult> features, IReadOnlyList<ColumnSummary> summaries, DriftInput input, MultivariateReport? multivariate)
    {
        output.WriteLine($"Rows: {input.Reference.RowCount} in {input.Reference.Name} (reference), {input.Current.RowCount} in {input.Current.Name} (current).");
        output.WriteLine();
        var rows = features.Select((f, i) => new[]
        {
            f.Feature,
            f.Kind == FeatureKind.Numeric ? "numeric" : "categorical",
            f.Method,
            Format(f.Statistic),
            f.PValue is { } p ? Format(p) : "-",
            Format(f.Threshold),
            f.Drifted ? "DRIFT" : "ok",
            summaries[i].Direction,
        });
        Table(output, Headings, rows, firstNumber: 3, lastNumber: 5);
        output.WriteLine();

        // The statistic's meaning depends on the method (a p-value, a plain or a normed distance): say it.
        foreach (var method in features.Select(f => f.Method).Distinct(StringComparer.Ordinal))
        {
            output.WriteLine($"{method}: {MethodTable.Description(method)}.");
        }

        // A method that combines several (combined) reports each part, so the verdict can be traced to one.
        foreach (var feature in features.Where(f => f.Details.Count > 0))
        {
            output.WriteLine($"{feature.Feature} ({feature.Method}): {string.Join(", ", feature.Details.Select(d => $"{d.Key} {Format(d.Value)}"))}.");
        }

        output.WriteLine();
        WriteSummaries(output, summaries);
        output.WriteLine();
        if (multivariate is not null)
        {
            WriteMultivariate(output, multivariate);
            output.WriteLine();
        }

        var share = result.DriftedShare.ToString("P1", CultureInfo.InvariantCulture);
        var threshold = result.DriftShareThreshold.ToString("P1", CultureInfo.InvariantCulture);
        output.WriteLine(result.DatasetDrifted
            ? $"Drift detected: {result.DriftedCount} of {features.Count} columns drifted ({share}), at or above the threshold of {threshold}."
            : $"No drift: {result.DriftedCount} of {features.Count} columns drifted ({share}), below the threshold of {threshold}.");
        if (multivariate?.Result is { } m)
        {
            var error = m.ReconstructionDrifted ? "outside" : "within";
            output.WriteLine(
                $"{(m.Drifted ? "Multivariate drift detected" : "No multivariate drift")}: {m.DriftedComponentCount} of {m.Components.Count} components drifted; the reconstruction error is {error} its expected range.");
        }
    }

    // Each cell reads "reference -> current".
    private static void WriteSummaries(TextWriter output, IReadOnlyList<ColumnSummary> summaries)
    {
        output.WriteLine("Summaries (reference -> current):");
        var rows = summaries.Select(s => new[]
        {
            s.Column,
            $"{Percent(s.Reference.MissingShare)} -> {Percent(s.Current.MissingShare)}",
            Pair(s.Reference.Mean, s.Current.Mean),
            Pair(s.Reference.P5, s.Current.P5),
            Pair(s.Reference.P50, s.Current.P50),
            Pair(s.Reference.P95, s.Current.P95),
            s.LargestShareChange is null ? "-" : $"{s.Reference.Categories} -> {s.Current.Categories}{NewCategories(s.NewCategories)}",
        });
        Table(output, SummaryHeadings, rows, firstNumber: 1, lastNumber: 5);
    }

    private static string Pair(double reference, double current) =>
        double.IsNaN(reference) ? "-" : $"{Format(reference)} -> {Format(current)}";

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    // A long list of new categories is cut: the JSON output has them all.
    private static string NewCategories(IReadOnlyList<string> names) => names.Count switch
    {
        0 => string.Empty,
        <= 5 => $", new: {string.Join(", ", names)}",
        _ => $", new: {string.Join(", ", names.Take(5))} and {names.Count - 5} more",
    };

    private static void WriteMultivariate(TextWriter output, MultivariateReport multivariate)
    {
        var (detector, result) = multivariate;
        var explained = result.Components.Sum(c => c.ExplainedVarianceRatio).ToString("P1", CultureInfo.InvariantCulture);
        output.WriteLine(
            $"Multivariate: principal components of {string.Join(", ", detector.Features)} (standardised); {result.Components.Count} kept, explaining {explained} of the variance.");
        var rows = result.Components.Select(c => new[]
        {
            $"pc{c.Index + 1}",
            Format(c.ExplainedVarianceRatio),
            Format(c.Statistic),
            Format(c.PValue),
            Format(c.Threshold),
            c.Drifted ? "DRIFT" : "ok",
        });
        Table(output, ComponentHeadings, rows, firstNumber: 1, lastNumber: 4);
        output.WriteLine(
            $"reconstruction error {Format(result.ReconstructionError)}, expected {Format(result.LowerBound)} to {Format(result.UpperBound)} "
            + $"({result.ReferenceChunkCount} reference chunks of {detector.ChunkSize} rows): {(result.ReconstructionDrifted ? "DRIFT" : "ok")}");
    }

    // Text columns are left-aligned, numbers (columns firstNumber..lastNumber) right-aligned.
    private static void Table(TextWriter output, string[] headings, IEnumerable<string[]> body, int firstNumber, int lastNumber)
    {
        var rows = new List<string[]> { headings };
        rows.AddRange(body);
        var widths = Enumerable.Range(0, headings.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i >= firstNumber && i <= lastNumber ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("G4", CultureInfo.InvariantCulture);
}
