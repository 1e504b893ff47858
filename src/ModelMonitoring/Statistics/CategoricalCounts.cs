namespace ModelMonitoring.Statistics;

/// <summary>
/// Aligns two samples of category labels into count vectors over the union of their categories,
/// the input the chi-square test and the binned distances take for categorical data.
/// </summary>
internal static class CategoricalCounts
{
    /// <summary>
    /// Counts each category in <paramref name="reference"/> and <paramref name="current"/>.
    /// Categories are ordered by first appearance, reference first; a category seen in only one
    /// sample gets a zero count in the other.
    /// </summary>
    /// <typeparam name="TCategory">The label type.</typeparam>
    /// <param name="reference">The reference labels; must not be empty.</param>
    /// <param name="current">The current labels; must not be empty.</param>
    /// <param name="comparer">Label equality. The default value is <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <returns>The categories and the two aligned count vectors.</returns>
    /// <exception cref="ArgumentException">Either sample is empty.</exception>
    public static AlignedCounts<TCategory> Align<TCategory>(
        IEnumerable<TCategory> reference,
        IEnumerable<TCategory> current,
        IEqualityComparer<TCategory>? comparer = null)
        where TCategory : notnull
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var index = new Dictionary<TCategory, int>(comparer);
        var categories = new List<TCategory>();
        var referenceCounts = new List<long>();
        var currentCounts = new List<long>();
        Tally(reference, index, categories, referenceCounts, currentCounts, nameof(reference));
        Tally(current, index, categories, currentCounts, referenceCounts, nameof(current));
        return new AlignedCounts<TCategory>(categories.ToArray(), referenceCounts.ToArray(), currentCounts.ToArray());
    }

    private static void Tally<TCategory>(
        IEnumerable<TCategory> labels,
        Dictionary<TCategory, int> index,
        List<TCategory> categories,
        List<long> counts,
        List<long> otherCounts,
        string paramName)
        where TCategory : notnull
    {
        var any = false;
        foreach (var label in labels)
        {
            any = true;
            if (!index.TryGetValue(label, out var position))
            {
                position = categories.Count;
                index.Add(label, position);
                categories.Add(label);
                counts.Add(0);
                otherCounts.Add(0);
            }

            counts[position]++;
        }

        if (!any)
        {
            throw new ArgumentException("The sample must contain at least one label.", paramName);
        }
    }
}
