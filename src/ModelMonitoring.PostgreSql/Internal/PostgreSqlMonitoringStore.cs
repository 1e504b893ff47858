using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.PostgreSql.Internal.Maintenance;
using ModelMonitoring.PostgreSql.Internal.Partitions;
using ModelMonitoring.PostgreSql.Internal.Reading;
using ModelMonitoring.PostgreSql.Internal.Schema;
using ModelMonitoring.PostgreSql.Internal.Writing;
using ModelMonitoring.Storage;
using ModelMonitoring.Trends;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>
/// The PostgreSQL store: a sink that writes each batch in one transaction on a pooled connection, and a
/// reader. The schema is created or upgraded, and the partitions are maintained, on first use, so a
/// replica that starts while the database is down fails its first writes (which the pipeline retries)
/// rather than its start.
/// </summary>
/// <remarks>
/// Partition maintenance, roll-ups and retention run with the first use and then with the first write after every
/// <see cref="MaintenanceInterval"/> of the <see cref="TimeProvider"/> (sooner while a bounded step left work); a failed maintenance is logged
/// and retried a minute later (<see cref="MaintenanceRetryInterval"/>), and never fails a batch: rows without a partition go to the
/// DEFAULT partition.
/// </remarks>
internal sealed partial class PostgreSqlMonitoringStore : IMetricSink, IMonitoringReader, ITrendReader, IWindowMetricReader, ModelMonitoring.Health.IHealthCheckReader, IPredictionReader, IAsyncDisposable, IDisposable
{
    internal static readonly TimeSpan MaintenanceInterval = TimeSpan.FromHours(1);

    /// <summary>The most hours and days one maintenance rolls up; the rest waits for the next write.</summary>
    internal const int BucketBudget = 48;

    /// <summary>The most deleting statements (of <see cref="RetentionPruner.BatchSize"/> rows) one maintenance runs.</summary>
    internal const int DeleteBudget = 16;

    /// <summary>How long after a failed maintenance it is tried again, so that a lasting failure (such as a missing privilege) is logged once a minute rather than with every batch.</summary>
    internal static readonly TimeSpan MaintenanceRetryInterval = TimeSpan.FromMinutes(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly SqlText _sql;
    private readonly int _commandTimeout;
    private readonly int? _retentionDays;
    private readonly PostgreSqlStorageOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly BatchWriter _writer;
    private readonly PostgreSqlReportReader _reader;
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private readonly SemaphoreSlim _maintenanceLock = new(1, 1);
    private volatile bool _opened;
    private DateTimeOffset _nextMaintenance = DateTimeOffset.MinValue;
    private long _newestTicks;
    private volatile bool _disposed;

    public PostgreSqlMonitoringStore(IOptions<PostgreSqlStorageOptions> options, TimeProvider? clock = null, ILoggerFactory? loggerFactory = null)
        : this(options.Value, clock, loggerFactory)
    {
    }

    internal PostgreSqlMonitoringStore(PostgreSqlStorageOptions options, TimeProvider? clock, ILoggerFactory? loggerFactory)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ModelMonitoring.PostgreSql");
        _clock = clock ?? TimeProvider.System;
        _ownsDataSource = options.DataSource is null;
        _dataSource = options.DataSource ?? NpgsqlDataSource.Create(options.ConnectionString
            ?? throw new InvalidOperationException("PostgreSqlStorageOptions.ConnectionString: must be set (or DataSource)."));
        _sql = new SqlText(options.Schema);
        _commandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        _options = options;
        _retentionDays = options.RawPredictionRetention is { } retention ? (int)retention.TotalDays : null;
        _writer = new BatchWriter(_sql, _commandTimeout);
        _reader = new PostgreSqlReportReader(OpenConnectionAsync, _sql);
    }

    /// <summary>Gets the schema version this store found before it migrated (0 for a new schema), once opened.</summary>
    internal int FoundVersion { get; private set; }

    public async ValueTask<SinkWriteResult> WriteAsync(MonitoringBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        NoteNewest(batch);
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await MaintainIfDueAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _writer.WriteAsync(connection, batch, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory)
        {
            // The batch was rolled back; the pipeline retries it in parts small enough for the room left.
            throw new StorageFullException($"The PostgreSQL server has no room for a batch of {batch.Predictions.Length} predictions ({ex.SqlState}: {ex.MessageText}); nothing of it was stored.", ex);
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("22", StringComparison.Ordinal)
            || ex.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation or PostgresErrorCodes.ProgramLimitExceeded)
        {
            // A data exception (class 22) or a constraint on a value: the same batch would fail the same way, so the
            // pipeline writes it again in parts until only the refused records are left out.
            throw new RecordRejectedException($"PostgreSQL refused a record of a batch of model '{batch.Model.Name}' ({ex.SqlState}: {ex.MessageText}); nothing of the batch was stored.", ex);
        }
        catch (EncoderFallbackException ex)
        {
            throw new RecordRejectedException($"A text of a batch of model '{batch.Model.Name}' is not valid Unicode and has no UTF-8 form; nothing of the batch was stored.", ex);
        }
        catch (NpgsqlException ex) when (cancellationToken.IsCancellationRequested && ex is not PostgresException)
        {
            // A cancellation that broke off a socket write comes back from Npgsql wrapped; the transaction died with the
            // connection, so nothing was stored, and the caller is told it was cancelled, as for any other cancelled write.
            throw new OperationCanceledException("The write of the batch was cancelled; nothing of it was stored.", ex, cancellationToken);
        }
    }

    public Task<PerformanceReport> GetPerformanceReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetPerformanceReportAsync(model, from, to, cancellationToken);

    public Task<PredictionSummary> GetPredictionSummaryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetPredictionSummaryAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<MetricRecord>> GetRecentMetricsAsync(string model, string? metricName = null, int limit = 100, CancellationToken cancellationToken = default) =>
        _reader.GetRecentMetricsAsync(model, metricName, limit, cancellationToken);

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetAlertsAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<MetricRecord>> GetWindowMetricsAsync(string model, string metricName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetWindowMetricsAsync(model, metricName, from, to, cancellationToken);

    public Task<IReadOnlyList<HealthCheckRecord>> GetHealthChecksAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetHealthChecksAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<DriftCheckRecord>> GetDriftHistoryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetDriftHistoryAsync(model, from, to, cancellationToken);

    public Task<DriftReport> GetDriftReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetDriftReportAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<RealizedPerformance>> GetRealizedPerformanceAsync(string model, DateTimeOffset from, DateTimeOffset to, string? segment = null, CancellationToken cancellationToken = default) =>
        _reader.GetRealizedPerformanceAsync(model, from, to, segment, cancellationToken);

    internal PostgreSqlReportReader Reader => _reader;

    internal SqlText Sql => _sql;

    internal int CommandTimeout => _commandTimeout;

    /// <summary>Opens a pooled connection on a migrated schema (for the fleet's replica rows and lease).</summary>
    internal Task<NpgsqlConnection> OpenMigratedConnectionAsync(CancellationToken cancellationToken) => OpenConnectionAsync(cancellationToken);

    internal async Task SaveAlertAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await AlertWriter.SaveAsync(connection, _sql, alert, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    internal async Task SaveSilenceAsync(Silence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await SilenceWriter.SaveAsync(connection, _sql, silence, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    internal async Task SaveAlertRuleAsync(ManagedAlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await AlertRuleWriter.SaveAsync(connection, _sql, rule, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    internal async Task DeleteAlertRuleAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await AlertRuleWriter.DeleteAsync(connection, _sql, name, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves a model's reference profile, serialised before a connection is taken.</summary>
    internal async Task SaveReferenceAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(profile);
        var bytes = profile.ToBytes();
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ReferenceProfileWriter.SaveAsync(connection, _sql, model, profile.RowCount, bytes, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<bool> SaveReferenceIfAbsentAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(profile);
        var bytes = profile.ToBytes();
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReferenceProfileWriter.InsertIfAbsentAsync(connection, _sql, model, profile.RowCount, bytes, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    internal async Task DeleteReferenceAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ReferenceProfileWriter.DeleteAsync(connection, _sql, model, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads stored predictions back in full, features included, oldest first (for tests and tools).</summary>
    public Task<IReadOnlyList<PredictionRecord>> GetPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _reader.GetPredictionsAsync(model, from, to, cancellationToken);

    /// <summary>Reads a model's stored versions and environments back as schemas, classes included, in the order they were first stored (for tests and tools).</summary>
    public Task<IReadOnlyList<ModelSchema>> GetModelsAsync(string model, CancellationToken cancellationToken = default) =>
        _reader.GetModelsAsync(model, cancellationToken);

    /// <summary>Creates or upgrades the schema and maintains the partitions, once; later calls return at once.</summary>
    internal async Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_opened)
        {
            return;
        }

        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_opened)
            {
                return;
            }

            using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var (from, to) = await SchemaMigrator.MigrateAsync(connection, _sql, Migrations.All, cancellationToken).ConfigureAwait(false);
            FoundVersion = from;
            if (from != to)
            {
                Log.Migrated(_logger, _sql.Schema, from, to);
            }

            Log.Opened(_logger, _sql.Schema, connection.Database, to);
            _opened = true;
            await MaintainIfDueAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _openLock.Release();
        }
    }

    /// <summary>Creates the partitions ahead and drops the expired ones now, whatever the schedule (for tests and tools).</summary>
    internal async Task MaintainPartitionsAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await MaintainAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task MaintainIfDueAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_clock.GetUtcNow() < _nextMaintenance)
        {
            return;
        }

        try
        {
            await MaintainAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            _nextMaintenance = _clock.GetUtcNow() + MaintenanceRetryInterval;
            Log.MaintenanceFailed(_logger, ex, _sql.Schema);
        }
    }

    private async Task MaintainAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _maintenanceLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _clock.GetUtcNow();
            await PartitionMaintainer.MaintainAsync(connection, _sql, DateOnly.FromDateTime(now.UtcDateTime), _retentionDays, _commandTimeout, _logger, cancellationToken).ConfigureAwait(false);
            // Roll-ups and retention measure ages back from the newest prediction written or the clock, whichever is
            // earlier, so a clock ahead of the data (a backfill, a test on fixed dates) deletes nothing just written.
            var newest = new DateTimeOffset(Interlocked.Read(ref _newestTicks), TimeSpan.Zero);
            var more = _newestTicks != 0 && await RollUpAndPruneAsync(connection, newest < now ? newest : now, cancellationToken).ConfigureAwait(false);
            _nextMaintenance = more ? now : now + MaintenanceInterval;
        }
        finally
        {
            _maintenanceLock.Release();
        }
    }

    private void NoteNewest(MonitoringBatch batch)
    {
        foreach (var prediction in batch.Predictions.Span)
        {
            var ticks = prediction.Timestamp.UtcTicks;
            long seen;
            while (ticks > (seen = Interlocked.Read(ref _newestTicks)) && Interlocked.CompareExchange(ref _newestTicks, ticks, seen) != seen)
            {
            }
        }
    }

    /// <summary>Rolls closed hours and days up and deletes expired rows, a bounded step; returns whether work is left.</summary>
    private async Task<bool> RollUpAndPruneAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (buckets, moreBuckets) = await RollupBuilder.RunAsync(connection, _sql, _options.RawPredictionRetention, now, BucketBudget, _commandTimeout, cancellationToken).ConfigureAwait(false);
        var (deleted, moreRows) = await RetentionPruner.PruneAsync(connection, _sql, _options, now, DeleteBudget, _commandTimeout, cancellationToken).ConfigureAwait(false);
        if (buckets > 0 || deleted > 0)
        {
            Log.MaintenanceRan(_logger, _sql.Schema, buckets, deleted);
        }

        return moreBuckets || moreRows;
    }

    /// <summary>Rolls up every closed bucket and deletes every expired row as of <paramref name="now"/>, whatever the schedule (for tests and tools).</summary>
    internal async Task RunMaintenanceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        while (await RollUpAndPruneAsync(connection, now, cancellationToken).ConfigureAwait(false))
        {
        }
    }

    public Task<IReadOnlyList<TrendPoint>> GetTrendAsync(string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? metricPrefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        return _reader.GetTrendAsync(model, resolution, from, to, metricPrefix, cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
