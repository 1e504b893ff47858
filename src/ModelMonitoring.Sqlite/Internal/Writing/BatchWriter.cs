using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Storage;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>
/// Writes one batch in one transaction on the store's long-lived write connection, through
/// statements prepared once: the whole batch is stored or, on any failure or cancellation, nothing.
/// </summary>
/// <remarks>
/// <c>BEGIN IMMEDIATE</c> takes the write lock up front, so a writer in another process makes this one
/// wait (up to the busy timeout) instead of failing half-way through. Not thread-safe: the store
/// serialises calls.
/// </remarks>
internal sealed class BatchWriter : IDisposable
{
    private readonly sqlite3 _db;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _owned = [];
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly ModelRegistry _models;
    private readonly PredictionInserter _predictions;
    private readonly RecordInserter _records;
    private readonly DriftCheckInserter _driftChecks;
    private readonly ExplanationInserter _explanations;

    public BatchWriter(SqliteConnection connection, string path, ILogger logger)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The write connection is not open.");
        _path = path;
        _logger = logger;
        try
        {
            _begin = Own(new RawStatement(_db, "BEGIN IMMEDIATE;"));
            _commit = Own(new RawStatement(_db, "COMMIT;"));
            _rollback = Own(new RawStatement(_db, "ROLLBACK;"));
            _models = Own(new ModelRegistry(_db));
            _predictions = Own(new PredictionInserter(_db));
            _records = Own(new RecordInserter(_db));
            _driftChecks = Own(new DriftCheckInserter(_db));
            _explanations = Own(new ExplanationInserter(_db));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Writes the batch; the result counts the predictions skipped because their id was already stored.</summary>
    public SinkWriteResult Write(MonitoringBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.IsEmpty)
        {
            return SinkWriteResult.AllKept;
        }

        int inserted;

        _begin.Execute();
        try
        {
            var modelId = _models.Resolve(batch.Model);
            inserted = _predictions.Insert(modelId, batch.Model, batch.Predictions.Span, cancellationToken);
            _records.InsertLabels(modelId, batch.GroundTruths.Span);
            _records.InsertMetrics(modelId, batch.Metrics.Span);
            _records.InsertHealthChecks(modelId, batch.HealthChecks.Span);
            _driftChecks.Insert(modelId, batch.Model, batch.DriftChecks.Span);
            _explanations.Insert(modelId, batch.Model, batch.Explanations.Span);

            // The last moment to give up: once committed, the batch is stored and must be reported so.
            cancellationToken.ThrowIfCancellationRequested();
            _commit.Execute();
        }
        catch
        {
            Rollback();
            throw;
        }

        _models.Committed();
        return new SinkWriteResult { DuplicatePredictions = batch.Predictions.Length - inserted };
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private void Rollback()
    {
        _models.RolledBack();

        // SQLite has already rolled back by itself after some errors (such as a full disk).
        if (raw.sqlite3_get_autocommit(_db) != 0)
        {
            return;
        }

        try
        {
            _rollback.Execute();
        }
        catch (SqliteException ex)
        {
            Log.RollbackFailed(_logger, ex, _path);
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
