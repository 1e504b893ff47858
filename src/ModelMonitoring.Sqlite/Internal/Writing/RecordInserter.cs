using System.Buffers;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Inserts the low-volume records of a batch: labels, metrics, and health checks, each through one prepared statement.</summary>
internal sealed class RecordInserter : IDisposable
{
    // A label for an already labelled prediction replaces it unless it is older: corrections win, re-deliveries change nothing.
    private const string LabelSql = """
        INSERT INTO ground_truth (prediction_id, model_id, ts, actual_class, actual_value) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (prediction_id) DO UPDATE SET
            model_id = excluded.model_id, ts = excluded.ts, actual_class = excluded.actual_class, actual_value = excluded.actual_value
        WHERE excluded.ts >= ground_truth.ts;
        """;

    private const string MetricSql = "INSERT INTO metrics (model_id, name, value, unit, ts, window_start, metadata) VALUES (?, ?, ?, ?, ?, ?, ?);";

    private const string HealthCheckSql = "INSERT INTO health_checks (model_id, ts, status, score, issues) VALUES (?, ?, ?, ?, ?);";

    private readonly List<RawStatement> _all = [];
    private readonly RawStatement _label;
    private readonly RawStatement _metric;
    private readonly RawStatement _healthCheck;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public RecordInserter(sqlite3 db)
    {
        try
        {
            _label = Prepare(db, LabelSql);
            _metric = Prepare(db, MetricSql);
            _healthCheck = Prepare(db, HealthCheckSql);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void InsertLabels(long modelId, ReadOnlySpan<GroundTruthRecord> labels)
    {
        Span<byte> id = stackalloc byte[Recording.PredictionId.ByteCount];
        foreach (ref readonly var label in labels)
        {
            label.PredictionId.WriteBytes(id);
            _label.BindBlob(1, id);
            _label.BindInt64(2, modelId);
            _label.BindInt64(3, UnixMicroseconds.FromTimestamp(label.Timestamp));
            _label.BindText(4, label.ActualClass);
            _label.BindDouble(5, label.ActualValue);
            _label.Execute();
        }
    }

    public void InsertMetrics(long modelId, ReadOnlySpan<MetricRecord> metrics)
    {
        foreach (ref readonly var metric in metrics)
        {
            ArgumentException.ThrowIfNullOrEmpty(metric.Name, "batch");
            _metric.BindInt64(1, modelId);
            _metric.BindText(2, metric.Name);
            _metric.BindDouble(3, metric.Value);
            _metric.BindText(4, metric.Unit);
            _metric.BindInt64(5, UnixMicroseconds.FromTimestamp(metric.Timestamp));
            _metric.BindInt64(6, metric.WindowStart is { } start ? UnixMicroseconds.FromTimestamp(start) : (long?)null);
            BindOptional(_metric, 7, metric.Metadata is { } metadata ? StringListCodec.WritePairs(metadata, _buffer) : default, metric.Metadata is not null);
            _metric.Execute();
        }
    }

    public void InsertHealthChecks(long modelId, ReadOnlySpan<HealthCheckRecord> checks)
    {
        foreach (ref readonly var check in checks)
        {
            _healthCheck.BindInt64(1, modelId);
            _healthCheck.BindInt64(2, UnixMicroseconds.FromTimestamp(check.Timestamp));
            _healthCheck.BindInt64(3, (long)check.Status);
            _healthCheck.BindDouble(4, check.Score);
            BindOptional(_healthCheck, 5, check.Issues is { } issues ? StringListCodec.WriteStrings(issues, _buffer) : default, check.Issues is not null);
            _healthCheck.Execute();
        }
    }

    public void Dispose()
    {
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }

    private static void BindOptional(RawStatement statement, int index, ReadOnlySpan<byte> blob, bool present)
    {
        if (present)
        {
            statement.BindBlob(index, blob);
        }
        else
        {
            statement.BindNull(index);
        }
    }

    private RawStatement Prepare(sqlite3 db, string sql)
    {
        var statement = new RawStatement(db, sql);
        _all.Add(statement);
        return statement;
    }
}
