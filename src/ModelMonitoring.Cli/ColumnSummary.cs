namespace ModelMonitoring.Cli;

/// <summary>
/// What a user needs beside a column's verdict to act on it: each file's values summarised, and
/// which way the column moved (the mean for numbers, the category whose share changed most for categories).
/// </summary>
internal sealed record ColumnSummary(string Column, SideSummary Reference, SideSummary Current, IReadOnlyList<string> NewCategories)
{
    /// <summary>Gets the current mean minus the reference mean; NaN for a categorical column.</summary>
    public double MeanChange => Current.Mean - Reference.Mean;

    /// <summary>Gets the category whose share changed most, with the change (current minus reference share); <see langword="null"/> for a numeric column.</summary>
    public (string Category, double Change)? LargestShareChange { get; init; }

    /// <summary>Gets the direction in words: "mean up", "mean down", "mean unchanged", the category whose share moved most, or "shares unchanged".</summary>
    public string Direction => LargestShareChange is var (category, change)
        ? Math.Round(change, 12) == 0 ? "shares unchanged" : $"'{category}' {(change >= 0 ? "+" : "-")}{Math.Abs(change) * 100:0.0} pp"
        : MeanChange > 0 ? "mean up" : MeanChange < 0 ? "mean down" : "mean unchanged";

    public static ColumnSummary Create(string column, DriftInput input)
    {
        input.Reference.TryGetColumn(column, out var referenceColumn);
        input.Current.TryGetColumn(column, out var currentColumn);
        var profile = input.Profiles[column];
        if (profile.NumericFeatures.Count > 0)
        {
            return new ColumnSummary(
                column,
                SideSummary.Numeric(input.Reference.RowCount, referenceColumn.Present, profile.NumericFeatures[0].Sample.Values),
                SideSummary.Numeric(input.Current.RowCount, currentColumn.Present, input.CurrentNumeric[column]),
                []);
        }

        var categorical = profile.CategoricalFeatures[0];
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var label in input.CurrentCategorical[column])
        {
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        var referenceShares = categorical.Categories.Select((c, i) => (c, Share: (double)categorical.Counts[i] / categorical.Count)).ToDictionary(p => p.c, p => p.Share, StringComparer.Ordinal);
        var currentTotal = (double)currentColumn.Present;
        var changes = referenceShares.Keys.Union(counts.Keys, StringComparer.Ordinal)
            .Select(c => (Category: c, Change: (counts.GetValueOrDefault(c) / currentTotal) - referenceShares.GetValueOrDefault(c)));
        return new ColumnSummary(
            column,
            SideSummary.Categorical(input.Reference.RowCount, referenceColumn.Present, referenceShares.Count),
            SideSummary.Categorical(input.Current.RowCount, currentColumn.Present, counts.Count),
            counts.Keys.Where(c => !referenceShares.ContainsKey(c)).ToArray())
        {
            // Rounded so that equal changes (the two shares of a flag) pick the first category rather than a rounding error.
            LargestShareChange = changes.MaxBy(c => Math.Round(Math.Abs(c.Change), 12)),
        };
    }
}
