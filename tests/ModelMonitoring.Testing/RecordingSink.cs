using ModelMonitoring.Storage;

namespace ModelMonitoring.Testing;

/// <summary>
/// A sink that keeps copies of everything written to it and can be told to fail or hang, for
/// testing the worker's retries, timeouts and accounting.
/// </summary>
public sealed class RecordingSink : IMetricSink
{
    private readonly object _gate = new();
    private readonly List<PredictionRecord> _predictions = [];
    private readonly List<GroundTruthRecord> _groundTruths = [];
    private readonly List<MetricRecord> _metrics = [];
    private readonly List<HealthCheckRecord> _healthChecks = [];
    private readonly List<DriftCheckRecord> _driftChecks = [];
    private readonly List<ExplanationRecord> _explanations = [];
    private volatile TaskCompletionSource _hang = NewHang();
    private volatile bool _hangFlag;

    private readonly HashSet<ModelMonitoring.Recording.PredictionId> _ids = [];
    private readonly ManualResetEventSlim _block = new(initialState: true);

    /// <summary>Gets or sets whether writes throw.</summary>
    public bool Fail { get; set; }

    /// <summary>Gets or sets whether the sink keeps one prediction per id, like a store with a unique key, and reports the others as duplicates.</summary>
    public bool KeepFirstPerId { get; set; }

    /// <summary>Gets or sets the most records a write may hold; a larger batch throws <see cref="StorageFullException"/>, like a store whose disk has room for that many only.</summary>
    public int MaxRecordsPerWrite { get; set; } = int.MaxValue;

    /// <summary>Gets or sets which predictions the store refuses: a batch holding one throws <see cref="RecordRejectedException"/>, like a store whose column type cannot hold a value.</summary>
    public Func<PredictionRecord, bool>? Refuses { get; set; }

    /// <summary>Makes writes block their thread synchronously (ignoring cancellation) until <see cref="Unblock"/>.</summary>
    public void Block() => _block.Reset();

    /// <summary>Lets blocked writes go on.</summary>
    public void Unblock() => _block.Set();

    /// <summary>Gets or sets whether writes hang, ignoring cancellation, until <see cref="ReleaseHang"/>.</summary>
    public bool Hang
    {
        get => _hangFlag;
        set => _hangFlag = value;
    }

    private readonly List<(int Attempts, TaskCompletionSource Reached)> _attemptWaiters = [];

    public int WriteAttempts { get { lock (_gate) { return _writeAttempts; } } }

    private int _writeAttempts;

    /// <summary>Completes once <paramref name="attempts"/> writes have started (the worker is then inside the latest one).</summary>
    public Task WhenAttempts(int attempts)
    {
        lock (_gate)
        {
            if (_writeAttempts >= attempts)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _attemptWaiters.Add((attempts, reached));
            return reached.Task;
        }
    }

    public int Batches { get; private set; }

    public IReadOnlyList<PredictionRecord> Predictions { get { lock (_gate) { return [.. _predictions]; } } }

    public IReadOnlyList<GroundTruthRecord> GroundTruths { get { lock (_gate) { return [.. _groundTruths]; } } }

    public IReadOnlyList<MetricRecord> Metrics { get { lock (_gate) { return [.. _metrics]; } } }

    public IReadOnlyList<HealthCheckRecord> HealthChecks { get { lock (_gate) { return [.. _healthChecks]; } } }

    public IReadOnlyList<DriftCheckRecord> DriftChecks { get { lock (_gate) { return [.. _driftChecks]; } } }

    public IReadOnlyList<ExplanationRecord> Explanations { get { lock (_gate) { return [.. _explanations]; } } }
    public void ReleaseHang()
    {
        var gate = _hang;
        _hang = NewHang();
        Hang = false;
        gate.TrySetResult();
    }

    public async ValueTask<SinkWriteResult> WriteAsync(MonitoringBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _writeAttempts++;
            foreach (var waiter in _attemptWaiters.Where(w => w.Attempts <= _writeAttempts).ToList())
            {
                _attemptWaiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }

        // Read the gate before the flag: a release between the two then finds the flag cleared, and a
        // release after both completes the very gate this write waits on.
        var gate = _hang;
        if (Hang)
        {
            await gate.Task.ConfigureAwait(false);
        }

        _block.Wait(CancellationToken.None);
        if (Fail)
        {
            throw new InvalidOperationException("The test sink is failing on purpose.");
        }

        if (Refuses is { } refuses && batch.Predictions.ToArray().Any(refuses))
        {
            throw new RecordRejectedException("The test sink refuses a prediction of this batch.");
        }

        var size = batch.Predictions.Length + batch.GroundTruths.Length + batch.Metrics.Length + batch.HealthChecks.Length + batch.Explanations.Length;
        if (size > MaxRecordsPerWrite)
        {
            throw new StorageFullException($"The test sink takes at most {MaxRecordsPerWrite} records per write; this batch has {size}.");
        }

        var duplicates = 0;
        lock (_gate)
        {
            Batches++;
            foreach (var prediction in batch.Predictions.Span)
            {
                if (KeepFirstPerId && !_ids.Add(prediction.Id))
                {
                    duplicates++;
                    continue;
                }

                _predictions.Add(prediction with { NumericFeatures = prediction.NumericFeatures.ToArray(), CategoricalFeatures = prediction.CategoricalFeatures.ToArray(), ClassProbabilities = prediction.ClassProbabilities.ToArray() });
            }

            _groundTruths.AddRange(batch.GroundTruths.Span);
            _metrics.AddRange(batch.Metrics.Span);
            _healthChecks.AddRange(batch.HealthChecks.Span);
            _driftChecks.AddRange(batch.DriftChecks.Span);
            foreach (var explanation in batch.Explanations.Span)
            {
                _explanations.Add(explanation with { Values = explanation.Values.ToArray() });
            }
        }

        return new SinkWriteResult { DuplicatePredictions = duplicates };
    }

    private static TaskCompletionSource NewHang() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
