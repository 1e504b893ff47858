namespace ModelMonitoring.Aggregation;

/// <summary>
/// Running summary of one custom metric over one window. Holds enough to answer every
/// <see cref="MetricAggregation"/>, so rules with different aggregations share one pass over the values.
/// </summary>
internal struct CustomMetricWindow
{
    private long _count;
    private double _sum;
    private double _mean;
    private double _min;
    private double _max;
    private double _last;
    private long _lastTicks;

    public readonly long Count => _count;

    public void Add(double value, long utcTicks)
    {
        if (_count == 0)
        {
            _min = _max = value;
            _lastTicks = long.MinValue;
        }
        else
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }

        // Shards drain in turn, not in time order: the latest timestamp wins, not the latest drained.
        if (utcTicks >= _lastTicks)
        {
            _last = value;
            _lastTicks = utcTicks;
        }

        _count++;
        _sum += value;

        // A running mean stays finite where the sum of values near double.MaxValue would overflow.
        _mean += (value - _mean) / _count;
    }

    /// <summary>Gets the summary as a window partial's entry (fleet windows).</summary>
    public readonly Fleet.CustomMetricPartial ToPartial(string name) => new()
    {
        Name = name,
        Count = _count,
        Sum = _sum,
        Mean = _mean,
        Min = _min,
        Max = _max,
        Last = _last,
        LastTimestamp = new DateTimeOffset(_lastTicks, TimeSpan.Zero),
    };

    /// <summary>Adds another replica's summary of the same metric and window: the mean is weighted by count, the latest value wins.</summary>
    public void Merge(Fleet.CustomMetricPartial other)
    {
        if (other.Count <= 0)
        {
            return;
        }

        var ticks = other.LastTimestamp.UtcTicks;
        if (_count == 0)
        {
            (_count, _sum, _mean, _min, _max, _last, _lastTicks) = (other.Count, other.Sum, other.Mean, other.Min, other.Max, other.Last, ticks);
            return;
        }

        _min = Math.Min(_min, other.Min);
        _max = Math.Max(_max, other.Max);
        if (ticks >= _lastTicks)
        {
            _last = other.Last;
            _lastTicks = ticks;
        }

        _count += other.Count;
        _sum += other.Sum;
        _mean += (other.Mean - _mean) * ((double)other.Count / _count);
    }

    /// <summary>Gets the window's value under <paramref name="aggregation"/>; <see langword="false"/> when the window has no value.</summary>
    public readonly bool TryGet(MetricAggregation aggregation, out double value)
    {
        value = aggregation switch
        {
            MetricAggregation.Last => _last,
            MetricAggregation.Min => _min,
            MetricAggregation.Max => _max,
            MetricAggregation.Sum => _sum,
            MetricAggregation.Count => _count,
            _ => _mean,
        };
        return _count > 0;
    }
}
