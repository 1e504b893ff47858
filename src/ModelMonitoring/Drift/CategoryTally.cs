namespace ModelMonitoring.Drift;

/// <summary>Counts labels into a growing category index.</summary>
internal static class CategoryTally
{
    public static void Count(string feature, IReadOnlyList<string> labels, Dictionary<string, int> index, List<long> counts)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i] ?? throw new ArgumentException($"Feature '{feature}' has a null label at index {i}.", nameof(labels));
            if (!index.TryGetValue(label, out var position))
            {
                position = index.Count;
                index.Add(label, position);
                counts.Add(0);
            }

            counts[position]++;
        }
    }
}
