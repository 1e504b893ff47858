using Microsoft.Extensions.Logging;
using ModelMonitoring.Drift;
using ModelMonitoring.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// The reference profile of one model's drift checks and how it gets there: given in the options,
/// loaded from the store at start-up, learned from the first predictions (then saved), or set, reset
/// or relearned at run time (saved or deleted by the caller, applied by the worker at its next cycle).
/// </summary>
/// <remarks>
/// Store calls are serialised by one gate, and the worker skips its own load or save while a run-time
/// change is waiting, so a learned reference never overwrites one set at run time. Store failures are
/// logged and retried; they never reach the worker. A degenerate learned or loaded reference
/// (<see cref="ReferenceQuality"/>) is never used or saved: learning starts again from the next predictions.
/// </remarks>
internal sealed class ReferenceKeeper
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private readonly ModelSchema _model;
    private readonly DriftMonitoringOptions _options;
    private readonly IReferenceProfileStore? _store;
    private readonly TimeSpan _storeTimeout;
    private readonly TimeSpan _retryDelay;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _storeGate = new(1, 1);
    private ReferenceProfile? _current;
    private ReferenceLearner? _learner;
    private Change? _change;
    private ReferenceProfile? _unsaved;
    private string? _rejection;
    private int? _learnRows;
    private bool _loadPending;
    private DateTimeOffset _retryAt;

    public ReferenceKeeper(ModelSchema model, DriftMonitoringOptions options, IReferenceProfileStore? store, TimeSpan storeTimeout, TimeProvider timeProvider, ILogger logger)
    {
        _model = model;
        _options = options;
        _store = store;
        _storeTimeout = storeTimeout;
        _retryDelay = options.CheckInterval < MaxRetryDelay ? options.CheckInterval : MaxRetryDelay;
        _timeProvider = timeProvider;
        _logger = logger;
        _current = options.Reference;
        _learnRows = options.ReferenceFromFirst;
        _loadPending = options.Reference is null && store is not null;
        if (options.Reference is null && store is null)
        {
            StartLearning();
        }
    }

    /// <summary>
    /// Gets or sets whether this replica leads its fleet, or <see langword="null"/> outside a fleet (set before the worker
    /// starts). In a fleet only the leader learns a reference and saves it unless one is saved already; the others
    /// load the stored one, asking again every retry delay until there is one.
    /// </summary>
    public Func<bool>? Leads { get; set; }

    /// <summary>Gets the reference checks compare with, or <see langword="null"/>; may be read from any thread.</summary>
    public ReferenceProfile? Current => Volatile.Read(ref _current);

    /// <summary>Gets how many rows a reference being learned has collected; may be read from any thread.</summary>
    public int RowsCollected => Volatile.Read(ref _learner)?.Rows ?? 0;

    /// <summary>Gets why the latest learned or loaded reference was refused, until a reference is in use; may be read from any thread.</summary>
    public string? Rejection => Volatile.Read(ref _rejection);

    /// <summary>Feeds a drained prediction to the reference being learned, if any (worker thread).</summary>
    public void Observe(in PredictionRecord prediction)
    {
        var learner = _learner;
        if (learner is null || !learner.Add(prediction))
        {
            return;
        }

        Volatile.Write(ref _learner, null);
        try
        {
            var profile = learner.Build();
            if (Refuse(profile, $"learned from its first {learner.Rows} predictions"))
            {
                return;
            }

            Volatile.Write(ref _current, profile);
            _unsaved = _store is null ? null : profile;
            Log.ReferenceLearned(_logger, _model.Name, learner.Rows);
        }
        catch (Exception ex)
        {
            // Runs inside the drain loop: nothing may escape into the worker's accounting.
            Log.ReferenceLearningFailed(_logger, ex, _model.Name);
            StartLearning();
        }
    }

    /// <summary>Applies a run-time change, then loads or saves through the store when due (worker thread; never throws).</summary>
    public async Task SyncAsync(DateTimeOffset now, CancellationToken stopToken)
    {
        ApplyChange();
        if (_store is null || (!_loadPending && _unsaved is null) || now < _retryAt)
        {
            return;
        }

        var operation = _loadPending ? "load" : "save";
        try
        {
            await _storeGate.WaitAsync(stopToken).ConfigureAwait(false);
            try
            {
                // A run-time change waiting to be applied replaces whatever the worker would load or save.
                if (Volatile.Read(ref _change) is null)
                {
                    await LoadOrSaveAsync(_store, stopToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _storeGate.Release();
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _retryAt = now + _retryDelay;
            Log.ReferenceStoreFailed(_logger, ex, operation, _model.Name, _retryDelay);
        }
    }

    /// <summary>Saves <paramref name="profile"/> and queues it for the worker (caller's thread; store errors reach the caller).</summary>
    public Task SetAsync(ReferenceProfile profile, CancellationToken cancellationToken) =>
        ChangeAsync(new Change(profile, null), store => store.SaveAsync(_model.Name, profile, cancellationToken), cancellationToken);

    /// <summary>Deletes the saved reference and queues the reset for the worker.</summary>
    public Task ResetAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new Change(null, null), store => store.DeleteAsync(_model.Name, cancellationToken), cancellationToken);

    /// <summary>Deletes the saved reference and queues learning a new one from the next <paramref name="rows"/> predictions.</summary>
    public Task RelearnAsync(int rows, CancellationToken cancellationToken) =>
        ChangeAsync(new Change(null, rows), store => store.DeleteAsync(_model.Name, cancellationToken), cancellationToken);

    private async Task ChangeAsync(Change change, Func<IReferenceProfileStore, Task> persist, CancellationToken cancellationToken)
    {
        await _storeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_store is not null)
            {
                await persist(_store).ConfigureAwait(false);
            }

            Volatile.Write(ref _change, change);
        }
        finally
        {
            _storeGate.Release();
        }
    }

    private void ApplyChange()
    {
        if (Interlocked.Exchange(ref _change, null) is not { } change)
        {
            return;
        }

        _loadPending = false;
        _unsaved = null;
        Volatile.Write(ref _learner, null);
        Volatile.Write(ref _rejection, null);
        if (change.LearnRows is { } rows)
        {
            // Relearning replaces even the configured reference until the next start.
            _learnRows = rows;
            Volatile.Write(ref _current, null);
            Log.ReferenceRelearning(_logger, _model.Name, rows);
            StartLearning();
            return;
        }

        Volatile.Write(ref _current, change.Profile ?? _options.Reference);
        if (_current is null)
        {
            StartLearning();
        }
    }

    private async Task LoadOrSaveAsync(IReferenceProfileStore store, CancellationToken stopToken)
    {
        using var timeout = new CancellationTokenSource(_storeTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopToken);
        if (_loadPending)
        {
            var loaded = await store.GetAsync(_model.Name, linked.Token).WaitAsync(_storeTimeout, _timeProvider, stopToken).ConfigureAwait(false);
            if (loaded is null && Leads is { } leads && !leads())
            {
                // A follower waits for the leader's reference rather than learning a second one.
                _retryAt = _timeProvider.GetUtcNow() + _retryDelay;
                return;
            }

            _loadPending = false;
            Use(loaded);
        }
        else if (_unsaved is { } profile)
        {
            if (Leads is null)
            {
                await store.SaveAsync(_model.Name, profile, linked.Token).WaitAsync(_storeTimeout, _timeProvider, stopToken).ConfigureAwait(false);
            }
            else if (!await store.SaveIfAbsentAsync(_model.Name, profile, linked.Token).WaitAsync(_storeTimeout, _timeProvider, stopToken).ConfigureAwait(false))
            {
                // Another replica's reference was saved first (a leadership change while learning): the fleet uses that one.
                _unsaved = null;
                Log.FleetReferenceTaken(_logger, _model.Name);
                _loadPending = true;
                return;
            }

            _unsaved = null;
            Log.ReferenceSaved(_logger, _model.Name, profile.RowCount);
        }
    }

    private void Use(ReferenceProfile? loaded)
    {
        if (loaded is not null)
        {
            // A learned reference may lack a categorical feature that had no value; a changed model may not fit at all.
            var problems = ReferenceSchemaCheck.Problems(_model.NumericFeatures, _model.CategoricalFeatures, loaded, allowMissing: true);
            if (problems.Count == 0)
            {
                if (Refuse(loaded, "saved by an earlier run"))
                {
                    return;
                }

                Volatile.Write(ref _current, loaded);
                Log.ReferenceLoaded(_logger, _model.Name, loaded.RowCount);
                return;
            }

            Log.StoredReferenceRejected(_logger, _model.Name, string.Join("; ", problems));
        }

        StartLearning();
    }

    // A reference that cannot serve the checks (degenerate, or without the row order the multivariate
    // check needs) is logged, shown in the status and replaced by learning again when the model learns.
    private bool Refuse(ReferenceProfile profile, string source)
    {
        var degenerate = ReferenceQuality.Problems(profile);
        var problems = degenerate is not null
            ? $"it is degenerate, so every later value would look drifted: {degenerate}"
            : _options.Multivariate is not null && profile.RowOrder is null
                ? "it does not keep its row order, which the multivariate check needs"
                : null;
        if (problems is null)
        {
            Volatile.Write(ref _rejection, null);
            return false;
        }

        var next = _learnRows is not { } rows
            ? "Drift checks wait for IDriftMonitoring.SetReferenceAsync or RelearnReferenceAsync."
            : degenerate is not null
                ? $"Learning again from the next {rows} predictions; for a feature that is constant by design, give DriftMonitoringOptions.Reference."
                : $"Learning again from the next {rows} predictions.";
        Volatile.Write(ref _rejection, $"The reference {source} was refused: {problems}.");
        Log.ReferenceRefused(_logger, _model.Name, source, problems, next);
        StartLearning();
        return true;
    }

    private void StartLearning()
    {
        if (_learnRows is { } rows)
        {
            Volatile.Write(ref _learner, new ReferenceLearner(_model, rows, keepRowOrder: _options.Multivariate is not null, outputs: _options.PredictionDrift));
        }
    }

    /// <summary>
    /// A run-time change: a new reference; or, when <see cref="Profile"/> is <see langword="null"/>, learning
    /// from the next <see cref="LearnRows"/> predictions, or a reset when that is <see langword="null"/> too.
    /// </summary>
    private sealed record Change(ReferenceProfile? Profile, int? LearnRows);
}
