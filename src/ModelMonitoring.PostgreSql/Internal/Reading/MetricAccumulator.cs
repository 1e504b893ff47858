using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Welford's running mean and variance of one metric, plus min, max and the latest value (the same arithmetic as the SQLite store's).</summary>
internal struct MetricAccumulator(string name)
{
    private long _count;
    private double _mean;
    private double _m2;
    private double _min;
    private double _max;
    private double _latest;
    private DateTimeOffset _latestTimestamp;

    public readonly string? Name => name;

    public void Add(double value, DateTimeOffset timestamp)
    {
        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
        _min = _count == 1 ? value : Math.Min(_min, value);
        _max = _count == 1 ? value : Math.Max(_max, value);

        // Rows arrive by timestamp, then by insertion order: the last one is the latest.
        _latest = value;
        _latestTimestamp = timestamp;
    }

    public readonly void AddTo(List<MetricSummary> summaries)
    {
        if (name is null || _count == 0)
        {
            return;
        }

        var deviation = _count > 1 ? Math.Sqrt(_m2 / (_count - 1)) : 0;
        summaries.Add(new MetricSummary(name, _count, _mean, deviation, _min, _max, _latest, _latestTimestamp));
    }
}
