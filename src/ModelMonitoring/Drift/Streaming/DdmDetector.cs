namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// Drift Detection Method (Gama et al., 2004): the error rate p and its binomial standard deviation
/// s = √(p(1 − p)/n) are tracked, with the point where p + s was lowest; a warning when p + s exceeds
/// p_min + warning·s_min, a drift when it exceeds p_min + drift·s_min. Follows River's
/// <c>drift.binary.DDM</c>.
/// </summary>
internal sealed class DdmDetector : IStreamingDriftDetector
{
    private readonly int _warmStart;
    private readonly double _warningThreshold;
    private readonly double _driftThreshold;
    private long _count;
    private double _errorRate;
    private double _minRate;
    private double _minDeviation;
    private double _minSum;

    public DdmDetector(int warmStart, double warningThreshold, double driftThreshold)
    {
        StreamingArguments.AtLeast(warmStart, 0, nameof(warmStart));
        StreamingArguments.Positive(warningThreshold, nameof(warningThreshold));
        StreamingArguments.Positive(driftThreshold, nameof(driftThreshold));
        StreamingArguments.NotBelow(driftThreshold, warningThreshold, nameof(driftThreshold), nameof(warningThreshold));
        _warmStart = warmStart;
        _warningThreshold = warningThreshold;
        _driftThreshold = driftThreshold;
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
        _errorRate += (value - _errorRate) / _count;
        var deviation = Math.Sqrt(_errorRate * (1 - _errorRate) / _count);
        if (_count <= _warmStart)
        {
            return;
        }

        var sum = _errorRate + deviation;
        if (sum <= _minSum)
        {
            _minRate = _errorRate;
            _minDeviation = deviation;
            _minSum = _minRate + _minDeviation;
        }

        WarningDetected = sum > _minRate + (_warningThreshold * _minDeviation);
        if (sum > _minRate + (_driftThreshold * _minDeviation))
        {
            DriftDetected = true;
            WarningDetected = false;
        }
    }

    public void Reset()
    {
        DriftDetected = false;
        WarningDetected = false;
        _count = 0;
        _errorRate = 0;
        _minRate = double.PositiveInfinity;
        _minDeviation = double.PositiveInfinity;
        _minSum = double.PositiveInfinity;
    }
}
