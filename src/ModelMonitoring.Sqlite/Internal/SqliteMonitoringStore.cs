using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Sqlite.Internal.Maintenance;
using ModelMonitoring.Sqlite.Internal.Reading;
using ModelMonitoring.Sqlite.Internal.Schema;
using ModelMonitoring.Sqlite.Internal.Writing;
using ModelMonitoring.Storage;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>
/// The SQLite store: a sink that writes each batch in one transaction on a long-lived write
/// connection, and a reader on pooled read connections. Opening it creates or upgrades the schema,
/// so a bad path or an unknown schema version fails when the pipeline is created.
/// </summary>
/// <remarks>
/// SQLite calls are synchronous: <see cref="WriteAsync"/> completes on the caller's thread, checking
/// the token between groups of predictions and just before commit.
/// </remarks>
internal sealed partial class SqliteMonitoringStore : IMetricSink, IMonitoringReader, IAlertStore, ITrendReader, IWindowMetricReader, ModelMonitoring.Health.IHealthCheckReader, IPredictionReader, IAsyncDisposable, IDisposable
{
    private readonly SqliteConnectionFactory _connections;
    private readonly ILogger _logger;
    private readonly SqliteReportReader _reader;
    private SqliteConnection _writeConnection;
    private BatchWriter _writer;
    private ReferenceProfileWriter _references;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteStorageOptions _options;
    private readonly SqliteMaintenance? _maintenance;
    private volatile bool _disposed;

    public SqliteMonitoringStore(IOptions<SqliteStorageOptions> options, ILoggerFactory? loggerFactory = null, TimeProvider? clock = null)
        : this(options.Value, loggerFactory, clock ?? TimeProvider.System)
    {
    }

    /// <summary>Opens the store; without a <paramref name="clock"/> it neither rolls up nor enforces the retention by itself (tests and tools call <see cref="RunMaintenance"/>).</summary>
    internal SqliteMonitoringStore(SqliteStorageOptions options, ILoggerFactory? loggerFactory, TimeProvider? clock = null)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ModelMonitoring.Sqlite");
        _connections = new SqliteConnectionFactory(options);
        _options = options;
        (_writeConnection, _writer, _references) = Open();
        _reader = new SqliteReportReader(_connections);
        _maintenance = clock is null ? null : new SqliteMaintenance(options, clock, _logger, Path);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path => _connections.Path;

    public async ValueTask<SinkWriteResult> WriteAsync(MonitoringBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureSameFile();
            var result = _writer.Write(batch, cancellationToken);
            _maintenance?.RunIfDue(_writeConnection, batch);
            return result;
        }
        catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) == SQLitePCL.raw.SQLITE_FULL)
        {
            // The batch was rolled back; the pipeline retries it in parts small enough for the room left.
            throw new StorageFullException($"The SQLite database '{Path}' has no room for a batch of {batch.Predictions.Length} predictions (the disk is full or the database reached its page limit); nothing of it was stored.", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<PerformanceReport> GetPerformanceReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetPerformanceReportAsync(model, from, to, cancellationToken);
    }

    public Task<PredictionSummary> GetPredictionSummaryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetPredictionSummaryAsync(model, from, to, cancellationToken);
    }

    public Task<IReadOnlyList<MetricRecord>> GetRecentMetricsAsync(string model, string? metricName = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetRecentMetricsAsync(model, metricName, limit, cancellationToken);
    }

    public Task<IReadOnlyList<MetricRecord>> GetWindowMetricsAsync(string model, string metricName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetWindowMetricsAsync(model, metricName, from, to, cancellationToken);
    }

    public Task<IReadOnlyList<HealthCheckRecord>> GetHealthChecksAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetHealthChecksAsync(model, from, to, cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetAlertsAsync(model, from, to, cancellationToken);
    }

    public Task SaveAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return WithWriteLockAsync(() => AlertWriter.Save(_writeConnection, alert), cancellationToken);
    }

    public Task SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return WithWriteLockAsync(() => AlertWriter.Save(_writeConnection, silence), cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetActiveAlertsAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetAlertHistoryAsync(from, to, query, cancellationToken);
    }

    public Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetSilencesAsync(at, cancellationToken);
    }

    public Task<IReadOnlyList<DriftCheckRecord>> GetDriftHistoryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetDriftHistoryAsync(model, from, to, cancellationToken);
    }

    public Task<DriftReport> GetDriftReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetDriftReportAsync(model, from, to, cancellationToken);
    }

    public Task SaveAlertRuleAsync(ManagedAlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return WithWriteLockAsync(() => AlertRuleWriter.Save(_writeConnection, rule), cancellationToken);
    }

    public Task DeleteAlertRuleAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return WithWriteLockAsync(() => AlertRuleWriter.Delete(_writeConnection, name), cancellationToken);
    }

    public Task<IReadOnlyList<ManagedAlertRule>> GetAlertRulesAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetAlertRulesAsync(cancellationToken);
    }

    public Task SaveReplicaAsync(ModelMonitoring.Fleet.ReplicaSummary replica, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentException.ThrowIfNullOrEmpty(replica.Name, nameof(replica));
        return WithWriteLockAsync(() => ReplicaWriter.Save(_writeConnection, replica), cancellationToken);
    }

    public Task<IReadOnlyList<ModelMonitoring.Fleet.ReplicaSummary>> GetReplicasAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetReplicasAsync(cancellationToken);
    }

    public Task<IReadOnlyList<RealizedPerformance>> GetRealizedPerformanceAsync(string model, DateTimeOffset from, DateTimeOffset to, string? segment = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetRealizedPerformanceAsync(model, from, to, segment, cancellationToken);
    }

    public Task<IReadOnlyList<LabelledPrediction>> GetLabelledPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetLabelledPredictionsAsync(model, from, to, cancellationToken);
    }

    public Task<IReadOnlyList<DateTimeOffset>> GetLabelledWindowsAsync(string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetLabelledWindowsAsync(model, labelledSince, predictedSince, window, cancellationToken);
    }

    public Task<DateTimeOffset?> GetLastComputedAsync(string model, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetLastComputedAsync(model, cancellationToken);
    }

    public Task SaveConceptDriftCheckAsync(ConceptDriftCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentException.ThrowIfNullOrEmpty(check.Model, nameof(check));
        ArgumentException.ThrowIfNullOrEmpty(check.Metric, nameof(check));
        return WithWriteLockAsync(() => ConceptDriftWriter.Save(_writeConnection, check), cancellationToken);
    }

    public async Task<IReadOnlyList<ConceptDriftCheck>> GetConceptDriftAsync(string model, DateTimeOffset from, DateTimeOffset to, bool onlyDrifted, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var range = ModelRange.Create(model, from, to);
        var connection = await _connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ConceptDriftQueries.ReadAsync(connection, range, onlyDrifted, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SaveRealizedPerformanceAsync(string model, DateTimeOffset windowStart, IReadOnlyList<RealizedPerformance> performance, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(performance);
        return WithWriteLockAsync(() => RealizedPerformanceWriter.Save(_writeConnection, model, windowStart, performance), cancellationToken);
    }

    public Task SaveWindowPartialsAsync(IReadOnlyList<ModelMonitoring.Fleet.WindowPartial> partials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partials);
        return partials.Count == 0 ? Task.CompletedTask : WithWriteLockAsync(() => WindowPartialWriter.Save(_writeConnection, partials), cancellationToken);
    }

    public async Task<bool> TryMarkWindowMergedAsync(string model, DateTimeOffset windowStart, string replica, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(replica);
        var marked = false;
        await WithWriteLockAsync(() => marked = WindowPartialWriter.Mark(_writeConnection, model, windowStart, replica), cancellationToken).ConfigureAwait(false);
        return marked;
    }

    public async Task<IReadOnlyList<ModelMonitoring.Fleet.WindowPartial>> GetUnmergedWindowPartialsAsync(string model, DateTimeOffset endedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await _connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await WindowPartialQueries.ReadUnmergedAsync(connection, model, endedBy, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Saves a model's reference profile on the write connection, serialised before the write lock is taken.</summary>
    public async Task SaveReferenceAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(profile);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var bytes = profile.ToBytes();
        await WithWriteLockAsync(() => _references.Save(model, profile.RowCount, bytes), cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteReferenceAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WithWriteLockAsync(() => _references.Delete(model), cancellationToken);
    }

    public Task<ReferenceProfile?> GetReferenceAsync(string model, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetReferenceAsync(model, cancellationToken);
    }

    /// <summary>Reads stored predictions back in full, features included, oldest first (for tests and tools).</summary>
    public Task<IReadOnlyList<PredictionRecord>> GetPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetPredictionsAsync(model, from, to, cancellationToken);
    }

    /// <summary>Reads a model's stored versions and environments back as schemas, classes included, in the order they were first stored (for tests and tools).</summary>
    public Task<IReadOnlyList<ModelSchema>> GetModelsAsync(string model, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetModelsAsync(model, cancellationToken);
    }

    /// <summary>Rolls up every closed bucket and deletes every expired row as of <paramref name="now"/>, whatever the schedule (for tests, tools and benchmarks).</summary>
    /// <returns>The buckets rolled up and the rows deleted.</returns>
    internal (int Buckets, long Deleted) RunMaintenance(DateTimeOffset now)
    {
        _writeLock.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int buckets = 0;
            long deleted = 0;
            bool more;
            do
            {
                var rolled = RollupBuilder.Run(_writeConnection, _options.RawPredictionRetention, now, SqliteMaintenance.BucketBudget);
                var pruned = RetentionPruner.Prune(_writeConnection, _options, now, SqliteMaintenance.DeleteBudget);
                buckets += rolled.Buckets;
                deleted += pruned.Deleted;
                more = rolled.More || pruned.More;
            }
            while (more);
            return (buckets, deleted);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<IReadOnlyList<TrendPoint>> GetTrendAsync(string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? metricPrefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.GetTrendAsync(model, resolution, from, to, metricPrefix, cancellationToken);
    }

    /// <summary>Limits the size of the database for the write connection (SQLite's <c>max_page_count</c>), so tests can make it run out of room.</summary>
    internal void SetMaxPageCount(long pages)
    {
        _writeLock.Wait();
        try
        {
            using var command = _writeConnection.CreateCommand();
            command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {pages};");
            command.ExecuteNonQuery();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Opens the write connection on the file at <see cref="Path"/>, creating or upgrading its schema, with the writers bound to it.</summary>
    private (SqliteConnection Connection, BatchWriter Writer, ReferenceProfileWriter References) Open()
    {
        var connection = _connections.OpenWriteConnection();
        BatchWriter? writer = null;
        try
        {
            var (from, to) = SchemaMigrator.Migrate(connection, Migrations.All, Path);
            if (from != to)
            {
                Log.Migrated(_logger, Path, from, to);
            }

            writer = new BatchWriter(connection, Path, _logger);
            var references = new ReferenceProfileWriter(connection.Handle!);
            Log.Opened(_logger, Path, to);
            return (connection, writer, references);
        }
        catch
        {
            writer?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Called under the write lock before every write: when the file was deleted or replaced, the old
    /// connection would go on writing into a file no one can read any more, so the store closes it and
    /// opens the file at its path again (a new file with the schema, if it was deleted).
    /// </summary>
    private void EnsureSameFile()
    {
        if (!DatabaseFileIdentity.HasMoved(_writeConnection, Path))
        {
            return;
        }

        Log.FileReplaced(_logger, Path);
        _references.Dispose();
        _writer.Dispose();
        _writeConnection.Dispose();
        _connections.ClearReadPool();

        // The old file's log and shared memory stay behind when its last connection closes after the file
        // moved (SQLite then neither checkpoints nor deletes them); opened with a new file, they would be
        // replayed into it.
        File.Delete(Path + "-wal");
        File.Delete(Path + "-shm");
        (_writeConnection, _writer, _references) = Open();
    }

    private async Task WithWriteLockAsync(Action write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            EnsureSameFile();
            write();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // Waits for a write in progress; later writes see _disposed and throw.
        _writeLock.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connections.ClearReadPool();

            // Closed last, the write connection checkpoints the log into the database file.
            _references.Dispose();
            _writer.Dispose();
            _writeConnection.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
