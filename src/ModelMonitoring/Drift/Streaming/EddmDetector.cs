namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// Early Drift Detection Method (Baena-García et al., 2006): tracks the mean p′ and standard
/// deviation s′ of the distance between consecutive errors and the largest p′ + 2s′ seen; a warning
/// when the current p′ + 2s′ falls below alpha times that maximum, a drift below beta times it.
/// Follows River's <c>drift.binary.EDDM</c>: a value of 1 is an error, any other value is not.
/// </summary>
internal sealed class EddmDetector : IStreamingDriftDetector
{
    private readonly int _warmStart;
    private readonly double _alpha;
    private readonly double _beta;
    private long _count;
    private long _lastError;
    private long _errors;
    private double _distanceMean;
    private double _distanceVariance;
    private double _maxLevel;

    public EddmDetector(int warmStart, double alpha, double beta)
    {
        StreamingArguments.AtLeast(warmStart, 0, nameof(warmStart));
        StreamingArguments.Probability(alpha, nameof(alpha), oneAllowed: true);
        StreamingArguments.Probability(beta, nameof(beta), oneAllowed: true);
        StreamingArguments.NotBelow(alpha, beta, nameof(alpha), nameof(beta));
        _warmStart = warmStart;
        _alpha = alpha;
        _beta = beta;
        Reset();
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
        if (value != 1)
        {
            return;
        }

        _errors++;
        AddDistance(_count - _lastError);
        if (_count > _warmStart)
        {
            var level = _distanceMean + (2 * Math.Sqrt(_distanceVariance));
            if (level > _maxLevel)
            {
                _maxLevel = level;
            }
            else if (_errors > _warmStart)
            {
                var ratio = level / _maxLevel;
                DriftDetected = ratio < _beta;
                WarningDetected = !DriftDetected && ratio < _alpha;
            }
        }

        _lastError = _count;
    }

    public void Reset()
    {
        DriftDetected = false;
        WarningDetected = false;
        _count = 0;
        _lastError = 0;
        _errors = 0;
        _distanceMean = 0;
        _distanceVariance = 0;
        _maxLevel = -1;
    }

    // Running sample variance (n − 1 in the denominator), updated in the same order as River's
    // stats.Var so that the ratios compared with alpha and beta are the same doubles.
    private void AddDistance(double distance)
    {
        var previousMean = _distanceMean;
        _distanceMean += (distance - _distanceMean) / _errors;
        if (_errors > 1)
        {
            _distanceVariance += (((distance - previousMean) * (distance - _distanceMean)) - _distanceVariance) / (_errors - 1);
        }
    }
}
