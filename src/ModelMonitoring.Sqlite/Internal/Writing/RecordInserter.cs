using System.Buffers;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Inserts the low-volume records of a batch: labels, metrics, health checks and alerts, each through one prepared statement.</summary>
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

    private const string AlertSql = """
        INSERT INTO alerts (model, version, environment, name, severity, state, message, metric, value, threshold, baseline, ts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
        """;

    private readonly List<RawStatement> _all = [];
    private readonly RawStatement _label;
    private readonly RawStatement _metric;
    private readonly RawStatement _healthCheck;
    private readonly RawStatement _alert;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public RecordInserter(sqlite3 db)
    {
        try
        {
            _label = Prepare(db, LabelSql);
            _metric = Prepare(db, MetricSql);
            _healthCheck = Prepare(db, HealthCheckSql);
            _alert = Prepare(db, AlertSql);
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

    public void InsertAlerts(ReadOnlySpan<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            ArgumentNullException.ThrowIfNull(alert, "batch");
            _alert.BindText(1, alert.Model);
            _alert.BindText(2, alert.Version);
            _alert.BindText(3, alert.Environment);
            _alert.BindText(4, alert.Name);
            _alert.BindInt64(5, (long)alert.Severity);
            _alert.BindInt64(6, (long)alert.State);
            _alert.BindText(7, alert.Message);
            _alert.BindText(8, alert.Metric);
            _alert.BindDouble(9, alert.Value);
            _alert.BindDouble(10, alert.Threshold);
            _alert.BindDouble(11, alert.Baseline);
            _alert.BindInt64(12, UnixMicroseconds.FromTimestamp(alert.Timestamp));
            _alert.Execute();
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
