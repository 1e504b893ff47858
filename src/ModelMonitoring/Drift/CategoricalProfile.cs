namespace ModelMonitoring.Drift;

/// <summary>The category counts of one categorical feature's reference values.</summary>
public sealed class CategoricalProfile
{
    private readonly Dictionary<string, int> _index;
    private readonly long[] _counts;

    private CategoricalProfile(string name, Dictionary<string, int> index, string[] categories, long[] counts, int count)
    {
        Name = name;
        _index = index;
        Categories = categories;
        _counts = counts;
        Count = count;
    }

    /// <summary>Gets the feature's name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of reference values.</summary>
    public int Count { get; }

    /// <summary>Gets the categories, in order of first appearance in the reference.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Gets the reference count of each category, aligned with <see cref="Categories"/>.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Counts the reference values of a categorical feature.</summary>
    /// <param name="name">The feature's name.</param>
    /// <param name="values">The reference labels; non-empty, no <see langword="null"/> label.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty, or <paramref name="values"/> is empty or holds a <see langword="null"/>.
    /// </exception>
    public static CategoricalProfile Create(string name, IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException($"Feature '{name}' has no reference values.", nameof(values));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<long>();
        CategoryTally.Count(name, values, index, counts);
        var categories = new string[index.Count];
        foreach (var (category, position) in index)
        {
            categories[position] = category;
        }

        return new CategoricalProfile(name, index, categories, [.. counts], values.Count);
    }

    // Restores stored categories and counts; categories must be distinct.
    internal static CategoricalProfile FromStored(string name, string[] categories, long[] counts, int count)
    {
        var index = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            if (!index.TryAdd(categories[i], i))
            {
                throw new InvalidDataException($"Feature '{name}' lists the category '{categories[i]}' twice.");
            }
        }

        return new CategoricalProfile(name, index, categories, counts, count);
    }

    // Aligns current labels with the reference categories; unseen categories are appended.
    internal (long[] Reference, long[] Current) Align(IReadOnlyList<string> current)
    {
        var index = new Dictionary<string, int>(_index, StringComparer.Ordinal);
        var currentCounts = new List<long>(new long[_counts.Length]);
        CategoryTally.Count(Name, current, index, currentCounts);
        var reference = new long[currentCounts.Count];
        _counts.CopyTo(reference, 0);
        return (reference, [.. currentCounts]);
    }
}
