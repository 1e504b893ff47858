using Microsoft.Data.Sqlite;
using ModelMonitoring.Drift;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Drift checks in a time range with their features, and the numbers of a drift report. NULL doubles (stored NaN) read as NaN.</summary>
internal static class DriftQueries
{
    internal const int RecentScoreCount = 10;

    private const string ChecksSql = $"""
        SELECT id, ts, window_start, window_end, row_count, reference_row_count, detector, dataset_drifted, drifted_share, score, recommendation
        FROM drift_checks WHERE {ModelRange.Filter} ORDER BY ts, id;
        """;

    private const string FeaturesSql = $"""
        SELECT f.check_id, f.feature, f.kind, f.method, f.statistic, f.p_value, f.threshold, f.drifted, f.score
        FROM drift_features f JOIN drift_checks c ON c.id = f.check_id
        WHERE {ModelRange.Filter} ORDER BY f.check_id, f.position;
        """;

    private const string CountsSql = $"SELECT COUNT(*), COALESCE(SUM(dataset_drifted), 0) FROM drift_checks WHERE {ModelRange.Filter};";

    private const string RecentSql = $"""
        SELECT ts, score, recommendation FROM drift_checks WHERE {ModelRange.Filter} ORDER BY ts DESC, id DESC LIMIT $limit;
        """;

    private const string FeatureCountsSql = $"""
        SELECT f.feature, SUM(f.drifted) FROM drift_features f JOIN drift_checks c ON c.id = f.check_id
        WHERE {ModelRange.Filter} GROUP BY f.feature;
        """;

    public static async Task<IReadOnlyList<DriftCheckRecord>> ReadHistoryAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var features = await ReadFeaturesAsync(connection, range, cancellationToken).ConfigureAwait(false);
        var checks = new List<DriftCheckRecord>();
        using var command = range.Command(connection, ChecksSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checks.Add(new DriftCheckRecord
            {
                Model = range.Model,
                Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(1)),
                WindowStart = UnixMicroseconds.ToTimestamp(reader.GetInt64(2)),
                WindowEnd = UnixMicroseconds.ToTimestamp(reader.GetInt64(3)),
                RowCount = reader.GetInt32(4),
                ReferenceRowCount = reader.GetInt32(5),
                Detector = reader.GetString(6),
                DatasetDrifted = reader.GetInt64(7) != 0,
                DriftedShare = DoubleOrNaN(reader, 8),
                Score = DoubleOrNaN(reader, 9),
                Recommendation = (DriftSeverity)reader.GetInt64(10),
                Features = features.TryGetValue(reader.GetInt64(0), out var list) ? list : [],
            });
        }

        return checks;
    }

    public static async Task<DriftReport> ReadReportAsync(SqliteConnection connection, ModelRange range, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        int checks, drifted;
        using (var command = range.Command(connection, CountsSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            checks = reader.GetInt32(0);
            drifted = reader.GetInt32(1);
        }

        var recent = new List<(DateTimeOffset Timestamp, double Score, DriftSeverity Recommendation)>(RecentScoreCount);
        using (var command = range.Command(connection, RecentSql))
        {
            command.Parameters.AddWithValue("$limit", RecentScoreCount);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recent.Add((UnixMicroseconds.ToTimestamp(reader.GetInt64(0)), DoubleOrNaN(reader, 1), (DriftSeverity)reader.GetInt64(2)));
            }
        }

        var featureCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using (var command = range.Command(connection, FeatureCountsSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                featureCounts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        recent.Reverse();
        var any = recent.Count > 0;
        var latest = any ? recent[^1] : default;
        return new DriftReport
        {
            Model = range.Model,
            From = from,
            To = to,
            CheckCount = checks,
            DriftedCheckCount = drifted,
            DriftRate = checks == 0 ? 0 : (double)drifted / checks,
            LatestCheck = any ? latest.Timestamp : null,
            LatestScore = any ? latest.Score : null,
            LatestRecommendation = any ? latest.Recommendation : null,
            RecentScores = [.. recent.Select(r => r.Score)],
            FeatureDriftCounts = featureCounts,
        };
    }

    private static async Task<Dictionary<long, List<FeatureDriftResult>>> ReadFeaturesAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var features = new Dictionary<long, List<FeatureDriftResult>>();
        using var command = range.Command(connection, FeaturesSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var checkId = reader.GetInt64(0);
            if (!features.TryGetValue(checkId, out var list))
            {
                features.Add(checkId, list = []);
            }

            list.Add(new FeatureDriftResult(
                reader.GetString(1),
                (FeatureKind)reader.GetInt64(2),
                reader.GetString(3),
                DoubleOrNaN(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                DoubleOrNaN(reader, 6),
                reader.GetInt64(7) != 0,
                DoubleOrNaN(reader, 8)));
        }

        return features;
    }

    private static double DoubleOrNaN(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);
}
