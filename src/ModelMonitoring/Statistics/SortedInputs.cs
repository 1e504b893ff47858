using System.Buffers;

namespace ModelMonitoring.Statistics;

/// <summary>A comparison that needs both samples sorted ascending.</summary>
internal delegate TwoSampleResult SortedComparison(ReadOnlySpan<double> reference, ReadOnlySpan<double> current);

/// <summary>
/// Runs a <see cref="SortedComparison"/> on whichever inputs the caller has: raw spans are sorted
/// into pooled buffers; a <see cref="SortedSample"/> is used as it is.
/// </summary>
internal static class SortedInputs
{
    public static TwoSampleResult Run(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, SortedComparison comparison)
    {
        var referenceBuffer = SortedSample.RentSorted(reference, nameof(reference), out var sortedReference);
        try
        {
            return RunSortedReference(sortedReference, current, comparison);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(referenceBuffer);
        }
    }

    public static TwoSampleResult Run(SortedSample reference, ReadOnlySpan<double> current, SortedComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return RunSortedReference(reference.Values, current, comparison);
    }

    public static TwoSampleResult Run(SortedSample reference, SortedSample current, SortedComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return comparison(reference.Values, current.Values);
    }

    private static TwoSampleResult RunSortedReference(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> current, SortedComparison comparison)
    {
        var currentBuffer = SortedSample.RentSorted(current, nameof(current), out var sortedCurrent);
        try
        {
            return comparison(sortedReference, sortedCurrent);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(currentBuffer);
        }
    }
}
