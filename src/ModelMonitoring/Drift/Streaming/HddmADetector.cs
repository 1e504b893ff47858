namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// HDDM_A (Frías-Blanco et al., 2014): compares the mean of all values with the mean up to a cut
/// point, using Hoeffding's bound, so it assumes values in [0, 1]. Follows River's
/// <c>drift.binary.HDDM_A</c>; <see cref="DriftDirection.Increase"/> is River's one-sided test and
/// <see cref="DriftDirection.Both"/> its two-sided one.
/// </summary>
internal sealed class HddmADetector : IStreamingDriftDetector
{
    private readonly DriftDirection _direction;
    private readonly double _logInverseDrift;
    private readonly double _logTwiceInverseDrift;
    private readonly double _logTwiceInverseWarning;
    private long _count;
    private double _mean;
    private long _lowCount;
    private double _lowMean;
    private long _highCount;
    private double _highMean;

    public HddmADetector(double driftConfidence, double warningConfidence, DriftDirection direction)
    {
        StreamingArguments.Probability(driftConfidence, nameof(driftConfidence));
        StreamingArguments.Probability(warningConfidence, nameof(warningConfidence));
        StreamingArguments.NotBelow(warningConfidence, driftConfidence, nameof(warningConfidence), nameof(driftConfidence));
        StreamingArguments.Defined(direction, nameof(direction));
        _direction = direction;
        _logInverseDrift = Math.Log(1.0 / driftConfidence);
        _logTwiceInverseDrift = Math.Log(2.0 / driftConfidence);
        _logTwiceInverseWarning = Math.Log(2.0 / warningConfidence);
    }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected { get; private set; }

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

        _count++;
        _mean += (value - _mean) / _count;
        if (_lowCount == 0)
        {
            (_lowCount, _lowMean) = (_count, _mean);
        }

        if (_highCount == 0)
        {
            (_highCount, _highMean) = (_count, _mean);
        }

        // Move the cut points to now when the overall mean, with its bound, is at least as low
        // (for increases) or as high (for decreases) as the mean up to the cut point.
        var bound = Bound(_count);
        if (_lowMean + Bound(_lowCount) >= _mean + bound)
        {
            (_lowCount, _lowMean) = (_count, _mean);
        }

        if (_highMean - Bound(_highCount) <= _mean - bound)
        {
            (_highCount, _highMean) = (_count, _mean);
        }

        DriftDetected = false;
        WarningDetected = false;
        if (_direction != DriftDirection.Decrease)
        {
            Test(_mean - _lowMean, _lowCount);
        }

        if (_direction != DriftDirection.Increase)
        {
            Test(_highMean - _mean, _highCount);
        }

        if (DriftDetected)
        {
            WarningDetected = false;
        }
    }

    public void Reset()
    {
        DriftDetected = false;
        WarningDetected = false;
        _count = 0;
        _mean = 0;
        _lowCount = 0;
        _lowMean = 0;
        _highCount = 0;
        _highMean = 0;
    }

    private double Bound(long n) => Math.Sqrt(1.0 / (2 * n) * _logInverseDrift);

    private void Test(double difference, long cutCount)
    {
        if (cutCount == _count)
        {
            return;
        }

        var m = (_count - cutCount) / (double)cutCount * (1.0 / _count);
        if (difference >= Math.Sqrt(m / 2 * _logTwiceInverseDrift))
        {
            DriftDetected = true;
        }
        else if (difference >= Math.Sqrt(m / 2 * _logTwiceInverseWarning))
        {
            WarningDetected = true;
        }
    }
}
