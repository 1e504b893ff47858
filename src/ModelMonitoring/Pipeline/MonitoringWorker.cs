using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Buffers;
using ModelMonitoring.ConceptDrift;
using ModelMonitoring.Fleet;
using ModelMonitoring.Internal;
using ModelMonitoring.Performance;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// The one background consumer: on every tick, flush request or stop it drains each model's rings
/// into batches, aggregates windows, runs due drift checks, writes to the sinks and sends alerts.
/// Owns the accounting of stored and post-buffer drops.
/// </summary>
/// <remarks>
/// In a fleet (<see cref="IMonitoringLease"/>) every cycle first asks whether this pipeline leads. A follower
/// drains, aggregates and writes as always, but discards its rule observations and runs no drift checks,
/// alert processing (pending, repeats, escalation, expiry) or notifications; those are the leader's. The leader
/// reads the stored alerts and run-time rules again at the start of each cycle it leads, so that acknowledgements,
/// resolutions and rule changes made through any replica apply. Realized performance (<see cref="RealizedPerformanceStage"/>)
/// is the leader's too: it runs after the cycle's writes, bounded per cycle, and not in the final cycle of a stop.
/// </remarks>
internal sealed class MonitoringWorker
{
    private static readonly TimeSpan ShutdownUnwindTime = TimeSpan.FromSeconds(1);
    private readonly IReadOnlyList<ModelPipeline> _models;
    private readonly SinkWriter _sinks;
    private readonly AlertManager _alerts;
    private readonly List<Alert> _observations = [];
    private readonly ModelMonitoringOptions _options;
    private readonly TimeProvider _timeProvider;
    private long _lastCycleTicks;

    /// <summary>Gets when the worker last completed a cycle without failing (UTC), or <see langword="null"/> before its first; read from any thread.</summary>
    public DateTimeOffset? LastCycleCompletedAt => Volatile.Read(ref _lastCycleTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    private readonly ILogger _logger;
    private readonly TimestampConverter _clock;
    private readonly PipelineState _state;
    private readonly ConcurrentQueue<TaskCompletionSource<bool>> _flushRequests = new();
    private readonly CancellationTokenSource _stopDeadline = new();
    private readonly StageFailures _failures;
    private readonly FleetMembership _fleet;
    private readonly RealizedPerformanceStage? _performance;
    private readonly FleetWindowMerger? _fleetWindows;
    private readonly IWindowMetricReader? _windowMetrics;
    private long _inFlight;
    private volatile bool _stopRequested;
    private Task? _loop;

    public MonitoringWorker(IReadOnlyList<ModelPipeline> models, SinkWriter sinks, AlertManager alerts, PipelineState state, ModelMonitoringOptions options, TimeProvider timeProvider, ILogger logger, StageFailures? failures = null, FleetMembership? fleet = null, RealizedPerformanceStage? performance = null, FleetWindowMerger? fleetWindows = null, IWindowMetricReader? windowMetrics = null)
    {
        _windowMetrics = windowMetrics;
        _performance = performance;
        _fleetWindows = fleetWindows;
        _fleet = fleet ?? new FleetMembership(options.ReplicaName, lease: null, replicas: null, static () => new MonitoringStatistics(0, 0, 0, []), timeProvider, logger);
        _failures = failures ?? new StageFailures(models.Select(m => m.Model.Name), timeProvider, logger);
        _state = state;
        _models = models;
        _sinks = sinks;
        _alerts = alerts;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _clock = new TimestampConverter(timeProvider);
    }

    public long Stored => _sinks.Accounting.Stored;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public DropCounters Drops => _sinks.Accounting.Drops;

    public StageFailures Failures => _failures;

    public FleetMembership Fleet => _fleet;

    /// <summary>Gets or sets the concept drift checks, run by the leader before each cycle's alert processing; set before <see cref="Start"/>.</summary>
    public ConceptDriftStage? ConceptDrift { get; init; }

    public void Start() => _loop ??= Task.Run(RunAsync);

    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (_stopRequested || _loop is null)
        {
            return false;
        }

        // A cycle already running when the request is queued may give up on records accepted before the
        // call; the request is only answered by the next cycle, which then finds nothing left to write.
        // Such records are counted as sink failures after this point, so a higher count means "not all written"
        // (it falls when an abandoned write finishes after all and its records move to Stored).
        var sinkFailuresBefore = Drops.Get(DropReason.SinkFailure);
        var request = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _flushRequests.Enqueue(request);
        _state.Wake.Release();
        try
        {
            // A flush also means "alerts delivered": after the cycle, wait for the channel queues, off the
            // worker thread so a slow channel never holds up draining.
            var started = _timeProvider.GetTimestamp();
            var stored = await request.Task.WaitAsync(_options.FlushTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            var left = _options.FlushTimeout - _timeProvider.GetElapsedTime(started);
            var delivered = left > TimeSpan.Zero && await _alerts.Notifier.WhenIdleAsync(left).ConfigureAwait(false);
            if (!delivered)
            {
                Log.FlushTimedOut(_logger, _options.FlushTimeout);
            }

            return stored && delivered && Drops.Get(DropReason.SinkFailure) <= sinkFailuresBefore;
        }
        catch (TimeoutException)
        {
            Log.FlushTimedOut(_logger, _options.FlushTimeout);
            return false;
        }
    }

    /// <summary>Drains and writes everything, closes all windows, and stops; gives up at the shutdown timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null)
        {
            return;
        }

        if (!_stopRequested)
        {
            _stopRequested = true;
            _state.Wake.Release();
        }

        // The loop's deadline comes a little before the shutdown timeout, so that it can unwind (count what it
        // holds as ShutdownTimeout and return) before this method gives up waiting for it.
        var unwind = TimeSpan.FromTicks(Math.Min(ShutdownUnwindTime.Ticks, _options.ShutdownTimeout.Ticks / 10));
        using var deadline = new CancellationTokenSource(_options.ShutdownTimeout - unwind, _timeProvider);
        using var registration = deadline.Token.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stopDeadline);
        using var callerRegistration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stopDeadline);
        try
        {
            await _loop.WaitAsync(_options.ShutdownTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The loop observes _stopDeadline and exits on its own; what it could not write is counted below.
        }

        if (_loop.IsCompleted)
        {
            DiscardBuffered();
        }
        else
        {
            // Only the worker may take records out of the rings: they stay counted as buffered until it stops.
            Log.ShutdownWorkerBusy(_logger, _options.ShutdownTimeout);
            _ = _loop.ContinueWith(_ => DiscardBuffered(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Counts what the stopped worker left in the rings as ShutdownTimeout.</summary>
    private void DiscardBuffered()
    {
        long discarded = 0;
        foreach (var model in _models)
        {
            discarded += model.DiscardBuffered();
        }

        if (discarded > 0 || _stopDeadline.IsCancellationRequested)
        {
            Drops.Add(DropReason.ShutdownTimeout, discarded);
            Log.ShutdownTimedOut(_logger, _options.ShutdownTimeout, discarded);
        }
    }

    private async Task RunAsync()
    {
        Task? tick = null;
        Task? wake = null;
        while (true)
        {
            tick ??= Task.Delay(_options.FlushInterval, _timeProvider);
            wake ??= _state.Wake.WaitAsync();
            var woke = await Task.WhenAny(tick, wake).ConfigureAwait(false);
            if (woke == tick)
            {
                tick = null;
            }
            else
            {
                wake = null;
                _state.ResetSignal();
            }

            var stopping = _stopRequested;
            var requests = new List<TaskCompletionSource<bool>>();
            while (_flushRequests.TryDequeue(out var request))
            {
                requests.Add(request);
            }

            var complete = false;
            try
            {
                var (leading, tookOver) = await _fleet.CheckLeadershipAsync(_stopDeadline.Token).ConfigureAwait(false);
                if (tookOver)
                {
                    // The previous leader changed the stored alerts since this pipeline last read them.
                    await _alerts.ForgetStateAsync(_stopDeadline.Token).ConfigureAwait(false);
                }

                await _alerts.LoadRulesAsync(_stopDeadline.Token).ConfigureAwait(false);
                if (leading && _fleet.Shared)
                {
                    // Followers may have acknowledged or resolved alerts and changed run-time rules since the last cycle.
                    await _alerts.RefreshFromStoreAsync(_stopDeadline.Token).ConfigureAwait(false);
                }
                complete = await RunCycleAsync(closeAllWindows: stopping, leading, _stopDeadline.Token).ConfigureAwait(false);
                if (ConceptDrift is not null && !stopping)
                {
                    // Reads stored realized performance only; its observations join this cycle's (a follower's state is forgotten).
                    await ConceptDrift.RunAsync(leading, _observations, _stopDeadline.Token).ConfigureAwait(false);
                }

                if (leading)
                {
                    await _alerts.ProcessAsync(_observations, _stopDeadline.Token).ConfigureAwait(false);
                }

                if (_performance is not null && !stopping)
                {
                    // After the writes, so that this cycle's labels are found; bounded per cycle, and the leader's only.
                    await _performance.RunAsync(leading, _stopDeadline.Token).ConfigureAwait(false);
                }

                _observations.Clear();
                Volatile.Write(ref _lastCycleTicks, _timeProvider.GetUtcNow().UtcTicks);
            }
            catch (Exception ex)
            {
                _observations.Clear();
                Log.WorkerCycleFailed(_logger, ex);
            }

            await SaveReplicaAsync(release: stopping).ConfigureAwait(false);

            foreach (var request in requests)
            {
                request.TrySetResult(complete);
            }

            if (stopping)
            {
                // Channels get what is left of the shutdown time, at most one alert timeout.
                await _alerts.Notifier.StopAsync(TimeSpan.FromTicks(Math.Min(_options.AlertTimeout.Ticks, _options.ShutdownTimeout.Ticks / 2))).ConfigureAwait(false);
                while (_flushRequests.TryDequeue(out var late))
                {
                    late.TrySetResult(false);
                }

                return;
            }
        }
    }

    /// <summary>Saves this replica's row of the fleet summary; when stopping, gives the lease up first so the row says so.</summary>
    private async Task SaveReplicaAsync(bool release)
    {
        try
        {
            if (release)
            {
                await _fleet.ReleaseAsync(_stopDeadline.Token).ConfigureAwait(false);
            }

            await _fleet.SaveReplicaAsync(final: release, _stopDeadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopDeadline.IsCancellationRequested)
        {
            // Out of shutdown time: the row keeps the previous cycle's figures.
        }
    }

    /// <summary>Drains every model until its rings are empty (bounded, so busy producers cannot keep the worker here forever).</summary>
    private async Task<bool> RunCycleAsync(bool closeAllWindows, bool leading, CancellationToken stopToken)
    {
        var everythingStored = true;
        foreach (var model in _models)
        {
            await SyncReferenceAsync(model, stopToken).ConfigureAwait(false);

            var maxRounds = (int)Math.Min(int.MaxValue, (model.Monitor.Predictions.Capacity / _options.MaxBatchSize) + 2);
            for (var round = 0; round < maxRounds; round++)
            {
                _clock.Refresh();
                model.Drain(_clock);
                var buffers = model.Buffers;
                Interlocked.Add(ref _inFlight, buffers.RecordCount);
                var lastRound = model.Monitor.Buffered == 0;
                if (lastRound)
                {
                    CloseWindows(model, buffers, closeAllWindows);
                    ExplainInBackground(model);
                    model.Permutation?.Flush(metric => buffers.Metrics.Add(metric));
                    if (_fleetWindows is not null)
                    {
                        await _fleetWindows.RunAsync(model, leading, _clock.Now, buffers, stopToken).ConfigureAwait(false);
                    }

                    if (leading)
                    {
                        CheckDrift(model, buffers);
                        CheckExplainability(model, buffers);
                        await RestoreHealthBaselinesAsync(model, stopToken).ConfigureAwait(false);
                        ObserveWindows(model, buffers);
                    }
                    else
                    {
                        buffers.Alerts.Clear(); // window metrics are stored; judging them is the leader's

                        // Baselines learned under another leader are read again when this replica leads next.
                        if (model.Health is { } health)
                        {
                            health.BaselinesRestored = false;
                        }
                    }
                }

                everythingStored &= await WriteAsync(model, buffers, stopToken).ConfigureAwait(false);
                if (lastRound)
                {
                    break;
                }
            }

            // Saves a reference learned during this cycle's drain now rather than a cycle later.
            await SyncReferenceAsync(model, stopToken).ConfigureAwait(false);
        }

        return everythingStored;
    }

    // Each stage of each model is isolated: one that throws is counted and logged (StageFailures) and
    // skipped for that model in this cycle, while the batch is still written and the other models and
    // stages run. Cancellation at the shutdown deadline is not a failure and ends the cycle as before.
    private void CloseWindows(ModelPipeline model, BatchBuffers buffers, bool all)
    {
        try
        {
            model.Aggregator.CloseWindows(_clock.Now, all, buffers.Metrics, buffers.Alerts);
        }
        catch (Exception ex)
        {
            _failures.Report(model.Model.Name, MonitoringStage.Aggregation, "WindowAggregator", ex);
        }
    }

    private void CheckDrift(ModelPipeline model, BatchBuffers buffers)
    {
        try
        {
            model.Drift?.CheckIfDue(_clock.Now, buffers.DriftChecks, buffers.Alerts);
        }
        catch (Exception ex)
        {
            _failures.Report(model.Model.Name, MonitoringStage.Drift, "DriftMonitor", ex);
        }
    }

    /// <summary>Runs the model's built-in explainer within its cycle budget; its attributions are recorded for the next cycle's batch.</summary>
    private void ExplainInBackground(ModelPipeline model)
    {
        try
        {
            model.BackgroundExplainer?.RunCycle();
        }
        catch (Exception ex)
        {
            // The application's model threw: that prediction is not explained; the queue carries on next cycle.
            _failures.Report(model.Model.Name, MonitoringStage.Drift, "BackgroundExplainer", ex);
        }
    }

    private void CheckExplainability(ModelPipeline model, BatchBuffers buffers)
    {
        try
        {
            model.Explainability?.Check(_clock.Now, buffers.Metrics, buffers.Alerts);
        }
        catch (Exception ex)
        {
            _failures.Report(model.Model.Name, MonitoringStage.Drift, "ExplainabilityMonitor", ex);
        }
    }

    /// <summary>
    /// Once per process (and per return to leadership), before the model's first window is scored, takes up the health
    /// baselines learned before, from the latest stored score. One attempt: when the read fails the failure is counted
    /// and the baselines are learned again, as without a store, rather than the worker waiting on a failing store
    /// every cycle.
    /// </summary>
    private async Task RestoreHealthBaselinesAsync(ModelPipeline model, CancellationToken stopToken)
    {
        if (model.Health is not { BaselinesRestored: false } health || _windowMetrics is null)
        {
            return;
        }

        health.BaselinesRestored = true;
        try
        {
            await Health.Internal.HealthBaselineRestore.RestoreAsync(health, model.Model.Name, _windowMetrics, _timeProvider.GetUtcNow(), stopToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stopToken.IsCancellationRequested)
        {
            _failures.Report(model.Model.Name, MonitoringStage.Aggregation, "HealthBaselineRestore", ex);
        }
    }

    /// <summary>
    /// Scores the windows closed in this cycle (their metrics are in the batch), adds the health metrics to the batch, and
    /// hands each window's values and the cycle's drift checks to the model's instruments.
    /// </summary>
    private void ObserveWindows(ModelPipeline model, BatchBuffers buffers)
    {
        try
        {
            if (Health.Internal.HealthScorer.LatestOf(buffers.DriftChecks, model.Model.Name) is { } latest)
            {
                model.Health?.ObserveDrift(latest);
                model.Telemetry?.DriftChecked(latest);
            }
            var windows = Health.Internal.HealthWindows.Collect(buffers.Metrics.Memory.Span);
            if (windows.Count == 0)
            {
                return;
            }

            if (model.Health is { } scorer && _alerts.TryCountOpen(model.Model.Name, out var critical, out var warning))
            {
                scorer.OpenAlerts = (critical, warning);
            }

            foreach (var window in windows)
            {
                if (model.Health is { } health)
                {
                    var (drifted, tested) = health.LatestDrift;
                    var scored = health.Score(window.Values, window.Start, window.End, new(drifted, tested, health.OpenAlerts.Critical, health.OpenAlerts.Warning));
                    Health.Internal.HealthScorer.Emit(scored, record => buffers.Metrics.Add(record), health.LearnedBaselines());
                    window.Values[Health.HealthMetricNames.Score] = scored.Score;
                }

                model.Telemetry?.Window(window.Values);
            }
        }
        catch (Exception ex)
        {
            _failures.Report(model.Model.Name, MonitoringStage.Aggregation, "HealthScorer", ex);
        }
    }

    private async Task SyncReferenceAsync(ModelPipeline model, CancellationToken stopToken)
    {
        if (model.Drift is not { } drift)
        {
            return;
        }

        try
        {
            await drift.References.SyncAsync(_timeProvider.GetUtcNow(), stopToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stopToken.IsCancellationRequested)
        {
            _failures.Report(model.Model.Name, MonitoringStage.Drift, "ReferenceKeeper", ex);
        }
    }

    private async Task<bool> WriteAsync(ModelPipeline model, BatchBuffers buffers, CancellationToken stopToken)
    {
        var recordCount = buffers.RecordCount;
        var stored = true;
        _observations.AddRange(buffers.Alerts);
        if (recordCount > 0 || buffers.Metrics.Count > 0 || buffers.DriftChecks.Count > 0)
        {
            var batch = buffers.ToBatch(model.Model);
            var outcome = await _sinks.WriteAsync(batch, recordCount, buffers.RecordedMetricCount, stopToken).ConfigureAwait(false);
            if (outcome.Abandoned)
            {
                model.ReplaceBuffers();
            }

            stored = outcome.Complete;
        }

        Interlocked.Add(ref _inFlight, -recordCount);
        return stored;
    }
}
