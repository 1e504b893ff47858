using ModelMonitoring.Statistics;

namespace ModelMonitoring.Explainability;

/// <summary>Compares two feature-importance vectors: per-feature relative and rank change, rank correlations, top-k change.</summary>
internal static class ImportanceDrift
{
    public static ImportanceDriftResult Compare(
        string kind, string referenceLabel, string currentLabel, IReadOnlyList<string> features, ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int topK, double minRankCorrelation)
    {
        if (reference.Length != features.Count || current.Length != features.Count)
        {
            throw new ArgumentException($"Importance vectors must have one value per feature ({features.Count}); got {reference.Length} and {current.Length}.");
        }

        var referenceRanks = Ranks(reference);
        var currentRanks = Ranks(current);
        var changes = new FeatureImportanceChange[features.Count];
        for (var i = 0; i < changes.Length; i++)
        {
            double? relative = reference[i] == 0 ? null : (current[i] - reference[i]) / Math.Abs(reference[i]);
            changes[i] = new FeatureImportanceChange(features[i], reference[i], current[i], relative, referenceRanks[i], currentRanks[i]);
        }

        var (spearman, kendall) = features.Count >= 2 ? (RankCorrelation.Spearman(reference, current), RankCorrelation.Kendall(reference, current)) : (double.NaN, double.NaN);
        var k = Math.Min(topK, features.Count);
        var overlap = 0;
        var orderChanged = false;
        for (var i = 0; i < changes.Length; i++)
        {
            if (referenceRanks[i] <= k)
            {
                overlap += currentRanks[i] <= k ? 1 : 0;
                orderChanged |= currentRanks[i] != referenceRanks[i];
            }
        }

        return new ImportanceDriftResult
        {
            Kind = kind,
            Reference = referenceLabel,
            Current = currentLabel,
            Spearman = spearman,
            Kendall = kendall,
            TopK = k,
            TopKOverlap = overlap,
            TopKChanged = orderChanged,

            // Both rankings constant (NaN) says nothing about a change in ranking.
            RankCorrelationLow = spearman < minRankCorrelation,
            Features = changes,
        };
    }

    /// <summary>Ranks from 1 for the largest value; equal values in feature order, so the top-k is well defined.</summary>
    private static int[] Ranks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var copy = values.ToArray();
        Array.Sort(order, (a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var ranks = new int[values.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r + 1;
        }

        return ranks;
    }
}
