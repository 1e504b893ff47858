namespace ModelMonitoring.Aggregation;

/// <summary>
/// A fixed-size histogram with logarithmic buckets (each 2 % wider than the last, from 1 µs to
/// about 3 hours), so that window percentiles take bounded memory however many predictions arrive.
/// A percentile is reported as its bucket's geometric midpoint: within 1 % of the exact value.
/// Histograms merge exactly (bucket counts add, minimum and maximum combine), so the percentiles of merged
/// histograms equal those of one histogram fed every value (fleet windows).
/// </summary>
internal sealed class LatencyHistogram
{
    private const double MinMilliseconds = 0.001;
    private const double Growth = 1.02;
    private const int BucketCount = 1300;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public void Add(double milliseconds)
    {
        _counts[BucketOf(milliseconds)]++;
        Count++;
        Min = Math.Min(Min, milliseconds);
        Max = Math.Max(Max, milliseconds);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0 to 1), clamped to the observed range.</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        // Nearest rank, 1-based: the smallest value with at least q·n values at or below it.
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= rank)
            {
                return Math.Clamp(Midpoint(bucket), Min, Max);
            }
        }

        return Max;
    }

    /// <summary>Adds the non-empty buckets to <paramref name="buckets"/>: bucket index to count.</summary>
    public void CopyBucketsTo(IDictionary<int, long> buckets)
    {
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            if (_counts[bucket] > 0)
            {
                buckets[bucket] = _counts[bucket];
            }
        }
    }

    /// <summary>Adds another histogram's buckets and observed range (a window partial of another replica).</summary>
    /// <returns><see langword="false"/> when a bucket index is out of range (nothing is added then).</returns>
    public bool Merge(IReadOnlyDictionary<int, long> buckets, double min, double max)
    {
        foreach (var (bucket, _) in buckets)
        {
            if ((uint)bucket >= BucketCount)
            {
                return false;
            }
        }

        foreach (var (bucket, count) in buckets)
        {
            _counts[bucket] += count;
            Count += count;
        }

        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        return true;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    private static int BucketOf(double milliseconds)
    {
        if (!(milliseconds > MinMilliseconds))
        {
            return 0;
        }

        var bucket = (int)(Math.Log(milliseconds / MinMilliseconds) / LogGrowth);
        return Math.Min(bucket, BucketCount - 1);
    }

    private static double Midpoint(int bucket) => MinMilliseconds * Math.Pow(Growth, bucket + 0.5);
}
