namespace ModelMonitoring.Statistics;

/// <summary>Reference and current counts over the same ordered categories.</summary>
/// <typeparam name="TCategory">The label type.</typeparam>
internal sealed class AlignedCounts<TCategory>
{
    private readonly long[] _reference;
    private readonly long[] _current;

    internal AlignedCounts(TCategory[] categories, long[] reference, long[] current)
    {
        Categories = categories;
        _reference = reference;
        _current = current;
    }

    /// <summary>Gets the categories, in the order of the count vectors.</summary>
    public IReadOnlyList<TCategory> Categories { get; }

    /// <summary>Gets the reference count of each category.</summary>
    public ReadOnlySpan<long> Reference => _reference;

    /// <summary>Gets the current count of each category.</summary>
    public ReadOnlySpan<long> Current => _current;
}
