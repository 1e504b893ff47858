using ModelMonitoring.Recording;

namespace ModelMonitoring.Explainability;

/// <summary>
/// Runs a built-in explainer (Kernel SHAP or LIME, <see cref="IInstanceExplainer"/>) on a sample of recorded predictions, off the recording path: the worker offers each recorded
/// prediction's features (<see cref="Offer"/>, a copy into a bounded queue, dropped and counted when full), and
/// <see cref="RunCycle"/> explains queued ones until the cycle's count or time budget (measured with the
/// <see cref="TimeProvider"/>'s timestamp) is spent; the rest wait for the next cycle. Not thread-safe: the worker
/// thread alone calls it.
/// </summary>
internal sealed class BackgroundExplainer
{
    private readonly IInstanceExplainer _explainer;
    private readonly TimeProvider _time;
    private readonly BackgroundExplanationSettings _settings;
    private readonly PredictionId[] _ids;
    private readonly double[] _rows;
    private SplitMix64 _random;
    private int _head;
    private int _count;

    public BackgroundExplainer(KernelShapExplainer explainer, IAttributionRecorder recorder, TimeProvider time, BackgroundExplanationSettings settings)
        : this(new ShapInstanceExplainer(explainer, recorder), time, settings)
    {
    }

    public BackgroundExplainer(IInstanceExplainer explainer, TimeProvider time, BackgroundExplanationSettings settings)
    {
        _explainer = explainer;
        _time = time;
        _settings = settings;
        _ids = new PredictionId[settings.QueueCapacity];
        _rows = new double[settings.QueueCapacity * explainer.FeatureCount];
        _random = new SplitMix64(settings.Seed);
    }

    public int Pending => _count;

    public long Dropped { get; private set; }

    public long Explained { get; private set; }

    /// <summary>Samples the prediction and, if taken, queues a copy of its features; returns whether it was queued.</summary>
    public bool Offer(PredictionId predictionId, ReadOnlySpan<double> features)
    {
        if (features.Length != _explainer.FeatureCount || _random.NextDouble() >= _settings.SampleRate)
        {
            return false;
        }

        if (_count == _ids.Length)
        {
            Dropped++;
            return false;
        }

        var slot = (_head + _count) % _ids.Length;
        _ids[slot] = predictionId;
        features.CopyTo(_rows.AsSpan(slot * features.Length, features.Length));
        _count++;
        return true;
    }

    /// <summary>Explains queued predictions until the count or the time budget of the cycle is spent; returns how many.</summary>
    public int RunCycle()
    {
        var start = _time.GetTimestamp();
        var done = 0;
        var featureCount = _explainer.FeatureCount;
        while (_count > 0 && done < _settings.MaxExplanationsPerCycle && (done == 0 || _time.GetElapsedTime(start) < _settings.BudgetPerCycle))
        {
            var id = _ids[_head];
            var row = _rows.AsSpan(_head * featureCount, featureCount);
            _head = (_head + 1) % _ids.Length;
            _count--;
            _explainer.ExplainAndRecord(id, row);
            done++;
            Explained++;
        }

        return done;
    }
}
