namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// Page-Hinkley test (Page, 1954): cumulative sums of the deviations from the running mean, less
/// (or plus) a tolerance delta and faded by alpha; a drift when a sum has risen (or fallen) more than
/// the threshold from its extreme. Follows River's <c>drift.PageHinkley</c>, including its choice of
/// −1 rather than −∞ as the starting maximum of the decrease sum.
/// </summary>
internal sealed class PageHinkleyDetector : IStreamingDriftDetector
{
    private readonly int _minInstances;
    private readonly double _delta;
    private readonly double _threshold;
    private readonly double _alpha;
    private readonly DriftDirection _direction;
    private long _count;
    private double _mean;
    private double _increase;
    private double _decrease;
    private double _minIncrease;
    private double _maxDecrease;

    public PageHinkleyDetector(int minInstances, double delta, double threshold, double alpha, DriftDirection direction)
    {
        StreamingArguments.AtLeast(minInstances, 1, nameof(minInstances));
        StreamingArguments.NonNegative(delta, nameof(delta));
        StreamingArguments.Positive(threshold, nameof(threshold));
        StreamingArguments.Probability(alpha, nameof(alpha), oneAllowed: true);
        StreamingArguments.Defined(direction, nameof(direction));
        _minInstances = minInstances;
        _delta = delta;
        _threshold = threshold;
        _alpha = alpha;
        _direction = direction;
        Reset();
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

        _count++;
        _mean += (value - _mean) / _count;
        var deviation = value - _mean;
        _increase = (_alpha * _increase) + deviation - _delta;
        _decrease = (_alpha * _decrease) + deviation + _delta;
        _minIncrease = Math.Min(_minIncrease, _increase);
        _maxDecrease = Math.Max(_maxDecrease, _decrease);
        if (_count < _minInstances)
        {
            return;
        }

        var up = _direction != DriftDirection.Decrease && _increase - _minIncrease > _threshold;
        var down = _direction != DriftDirection.Increase && _maxDecrease - _decrease > _threshold;
        DriftDetected = up || down;
    }

    public void Reset()
    {
        DriftDetected = false;
        _count = 0;
        _mean = 0;
        _increase = 0;
        _decrease = 0;
        _minIncrease = double.PositiveInfinity;
        _maxDecrease = -1;
    }
}
