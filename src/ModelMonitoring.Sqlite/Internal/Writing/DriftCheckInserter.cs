using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Inserts a batch's drift checks and their per-feature rows, inside the batch's transaction.</summary>
internal sealed class DriftCheckInserter : IDisposable
{
    private const string CheckSql = """
        INSERT INTO drift_checks (model_id, ts, window_start, window_end, row_count, reference_row_count, detector,
            dataset_drifted, drifted_share, score, recommendation)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id;
        """;

    private const string FeatureSql = """
        INSERT INTO drift_features (check_id, position, feature, kind, method, statistic, p_value, threshold, drifted, score)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
        """;

    private readonly RawStatement _check;
    private readonly RawStatement _feature;

    public DriftCheckInserter(sqlite3 db)
    {
        _check = new RawStatement(db, CheckSql);
        try
        {
            _feature = new RawStatement(db, FeatureSql);
        }
        catch
        {
            _check.Dispose();
            throw;
        }
    }

    public void Insert(long modelId, ModelSchema model, ReadOnlySpan<DriftCheckRecord> checks)
    {
        foreach (var check in checks)
        {
            ArgumentNullException.ThrowIfNull(check, "batch");
            if (!string.Equals(check.Model, model.Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A drift check of model '{check.Model}' is in a batch of model '{model.Name}'.", "batch");
            }

            _check.BindInt64(1, modelId);
            _check.BindInt64(2, UnixMicroseconds.FromTimestamp(check.Timestamp));
            _check.BindInt64(3, UnixMicroseconds.FromTimestamp(check.WindowStart));
            _check.BindInt64(4, UnixMicroseconds.FromTimestamp(check.WindowEnd));
            _check.BindInt64(5, check.RowCount);
            _check.BindInt64(6, check.ReferenceRowCount);
            _check.BindText(7, check.Detector);
            _check.BindInt64(8, check.DatasetDrifted ? 1 : 0);
            _check.BindDouble(9, check.DriftedShare);
            _check.BindDouble(10, check.Score);
            _check.BindInt64(11, (long)check.Recommendation);
            var checkId = _check.ExecuteInt64();

            var features = check.Features ?? [];
            for (var position = 0; position < features.Count; position++)
            {
                var feature = features[position];
                ArgumentNullException.ThrowIfNull(feature, "batch");
                _feature.BindInt64(1, checkId);
                _feature.BindInt64(2, position);
                _feature.BindText(3, feature.Feature);
                _feature.BindInt64(4, (long)feature.Kind);
                _feature.BindText(5, feature.Method);
                _feature.BindDouble(6, feature.Statistic);
                _feature.BindDouble(7, feature.PValue);
                _feature.BindDouble(8, feature.Threshold);
                _feature.BindInt64(9, feature.Drifted ? 1 : 0);
                _feature.BindDouble(10, feature.Score);
                _feature.Execute();
            }
        }
    }

    public void Dispose()
    {
        _check.Dispose();
        _feature.Dispose();
    }
}
