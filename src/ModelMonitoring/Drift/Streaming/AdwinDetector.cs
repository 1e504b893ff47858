namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// ADWIN, adaptive windowing (Bifet and Gavaldà, 2007): keeps a window of recent values compressed
/// in an exponential histogram and, every <c>clock</c> values, drops its oldest part while some cut
/// splits it into two sub-windows whose means differ by more than a Hoeffding-style bound at
/// confidence delta. Follows River's <c>drift.ADWIN</c> (its cut loop and bound included).
/// </summary>
internal sealed class AdwinDetector : IStreamingDriftDetector
{
    /// <summary>The largest accepted <c>maxBuckets</c>; the histogram's memory grows with it.</summary>
    internal const int MaxBucketsLimit = 1_000;

    private readonly double _delta;
    private readonly int _clock;
    private readonly int _maxBuckets;
    private readonly int _minWindowLength;
    private readonly int _gracePeriod;
    private readonly AdwinBuckets _buckets;
    private long _tick;
    private double _width;
    private double _total;
    private double _variance;

    public AdwinDetector(double delta, int clock, int maxBuckets, int minWindowLength, int gracePeriod)
    {
        StreamingArguments.Probability(delta, nameof(delta));
        StreamingArguments.AtLeast(clock, 1, nameof(clock));
        StreamingArguments.Between(maxBuckets, 1, MaxBucketsLimit, nameof(maxBuckets));
        StreamingArguments.AtLeast(minWindowLength, 1, nameof(minWindowLength));
        StreamingArguments.AtLeast(gracePeriod, 0, nameof(gracePeriod));
        _delta = delta;
        _clock = clock;
        _maxBuckets = maxBuckets;
        _minWindowLength = minWindowLength;
        _gracePeriod = gracePeriod;
        _buckets = new AdwinBuckets(maxBuckets);
    }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected => false;

    public void Update(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        if (DriftDetected)
        {
            Reset();
        }

        Insert(value);
        _tick++;
        DriftDetected = _tick % _clock == 0 && _width > _gracePeriod && ShrinkWhileCutFound();
    }

    public void Reset()
    {
        DriftDetected = false;
        _buckets.Clear();
        _tick = 0;
        _width = 0;
        _total = 0;
        _variance = 0;
    }

    private static double Size(int row) => Math.Pow(2, row);

    private void Insert(double value)
    {
        _buckets.Append(0, value, 0);
        _width++;
        if (_width > 1)
        {
            var deviation = value - (_total / (_width - 1));
            _variance += (_width - 1) * deviation * deviation / _width;
        }

        _total += value;
        Compress();
    }

    // A row that reaches maxBuckets + 1 merges its two oldest buckets into one of the next row,
    // which may overflow in turn.
    private void Compress()
    {
        for (var row = 0; row < _buckets.Rows && _buckets.Count(row) == _maxBuckets + 1; row++)
        {
            var n = Size(row);
            var total0 = _buckets.Total(row, 0);
            var total1 = _buckets.Total(row, 1);
            var difference = (total0 / n) - (total1 / n);
            var variance = _buckets.Variance(row, 0) + _buckets.Variance(row, 1) + (n * n * difference * difference / (n + n));
            _buckets.Append(row + 1, total0 + total1, variance);
            _buckets.RemoveOldest(row, 2);
            if (_buckets.Count(row + 1) <= _maxBuckets)
            {
                break;
            }
        }
    }

    // Walks the cuts from the oldest bucket to the newest and drops the oldest bucket whenever a cut
    // separates significantly different means, starting over until no cut does. As in River, the
    // newest bucket of each row is not used as a cut.
    private bool ShrinkWhileCutFound()
    {
        var detected = false;
        var cutFound = true;
        while (cutFound)
        {
            cutFound = false;
            double n0 = 0, n1 = _width, u0 = 0, u1 = _total;
            for (var row = _buckets.Rows - 1; row >= 0 && !cutFound; row--)
            {
                var size = Size(row);
                for (var k = 0; k < _buckets.Count(row) - 1; k++)
                {
                    var bucketTotal = _buckets.Total(row, k);
                    n0 += size;
                    n1 -= size;
                    u0 += bucketTotal;
                    u1 -= bucketTotal;
                    if (n1 >= _minWindowLength && n0 >= _minWindowLength && IsCut(n0, n1, (u0 / n0) - (u1 / n1)))
                    {
                        cutFound = true;
                        detected = true;
                        DeleteOldest();
                        break;
                    }
                }
            }
        }

        return detected;
    }

    private bool IsCut(double n0, double n1, double meanDifference)
    {
        var deltaPrime = Math.Log(2 * Math.Log(_width) / _delta);
        var reciprocal = (1.0 / (n0 - _minWindowLength + 1)) + (1.0 / (n1 - _minWindowLength + 1));
        var epsilon = Math.Sqrt(2 * reciprocal * (_variance / _width) * deltaPrime) + (2.0 / 3 * deltaPrime * reciprocal);
        return Math.Abs(meanDifference) > epsilon;
    }

    private void DeleteOldest()
    {
        var row = _buckets.Rows - 1;
        var n = Size(row);
        var total = _buckets.Total(row, 0);
        var mean = total / n;
        var variance = _buckets.Variance(row, 0);
        _width -= n;
        _total -= total;
        var windowMean = _total / _width;
        _variance -= variance + (n * _width * (mean - windowMean) * (mean - windowMean) / (n + _width));
        _buckets.RemoveOldest(row, 1);
    }
}
