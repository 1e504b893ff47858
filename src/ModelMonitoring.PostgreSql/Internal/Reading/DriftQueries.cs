using ModelMonitoring.Drift;
using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Drift checks in a time range with their features, and the numbers of a drift report. NaN is stored and read as NaN.</summary>
internal static class DriftQueries
{
    internal const int RecentScoreCount = 10; // the LIMIT of RecentSql

    private const string ChecksSql = $$"""
        SELECT id, ts, window_start, window_end, row_count, reference_row_count, detector, dataset_drifted, drifted_share, score, recommendation
        FROM {schema}.drift_checks WHERE {{ModelRange.Filter}} ORDER BY ts, id;
        """;

    private const string FeaturesSql = """
        SELECT f.check_id, f.feature, f.kind, f.method, f.statistic, f.p_value, f.threshold, f.drifted, f.score
        FROM {schema}.drift_features f JOIN {schema}.drift_checks c ON c.id = f.check_id
        WHERE c.model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND c.ts >= $2 AND c.ts < $3 ORDER BY f.check_id, f.position;
        """;

    private const string CountsSql = $$"""
        SELECT count(*), count(*) FILTER (WHERE dataset_drifted) FROM {schema}.drift_checks WHERE {{ModelRange.Filter}};
        """;

    private const string RecentSql = $$"""
        SELECT ts, score, recommendation FROM {schema}.drift_checks WHERE {{ModelRange.Filter}} ORDER BY ts DESC, id DESC LIMIT 10;
        """;

    private const string FeatureCountsSql = """
        SELECT f.feature, count(*) FILTER (WHERE f.drifted) FROM {schema}.drift_features f JOIN {schema}.drift_checks c ON c.id = f.check_id
        WHERE c.model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND c.ts >= $2 AND c.ts < $3 GROUP BY f.feature;
        """;

    public static async Task<IReadOnlyList<DriftCheckRecord>> ReadHistoryAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        var features = await ReadFeaturesAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
        var checks = new List<DriftCheckRecord>();
        using var command = range.Command(connection, sql, ChecksSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checks.Add(new DriftCheckRecord
            {
                Model = range.Model,
                Timestamp = Timestamps.FromStored(reader.GetDateTime(1)),
                WindowStart = Timestamps.FromStored(reader.GetDateTime(2)),
                WindowEnd = Timestamps.FromStored(reader.GetDateTime(3)),
                RowCount = reader.GetInt32(4),
                ReferenceRowCount = reader.GetInt32(5),
                Detector = reader.GetString(6),
                DatasetDrifted = reader.GetBoolean(7),
                DriftedShare = reader.GetDouble(8),
                Score = reader.GetDouble(9),
                Recommendation = EnumText.Parse<DriftSeverity>(reader.GetString(10)),
                Features = features.TryGetValue(reader.GetInt64(0), out var list) ? list : [],
            });
        }

        return checks;
    }

    public static async Task<DriftReport> ReadReportAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        long checks, drifted;
        using (var command = range.Command(connection, sql, CountsSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            checks = reader.GetInt64(0);
            drifted = reader.GetInt64(1);
        }

        var recent = new List<(DateTimeOffset Timestamp, double Score, DriftSeverity Recommendation)>(RecentScoreCount);
        using (var command = range.Command(connection, sql, RecentSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recent.Add((Timestamps.FromStored(reader.GetDateTime(0)), reader.GetDouble(1), EnumText.Parse<DriftSeverity>(reader.GetString(2))));
            }
        }

        var featureCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using (var command = range.Command(connection, sql, FeatureCountsSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                featureCounts[reader.GetString(0)] = (int)reader.GetInt64(1);
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
            CheckCount = (int)checks,
            DriftedCheckCount = (int)drifted,
            DriftRate = checks == 0 ? 0 : (double)drifted / checks,
            LatestCheck = any ? latest.Timestamp : null,
            LatestScore = any ? latest.Score : null,
            LatestRecommendation = any ? latest.Recommendation : null,
            RecentScores = [.. recent.Select(r => r.Score)],
            FeatureDriftCounts = featureCounts,
        };
    }

    private static async Task<Dictionary<long, List<FeatureDriftResult>>> ReadFeaturesAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        var features = new Dictionary<long, List<FeatureDriftResult>>();
        using var command = range.Command(connection, sql, FeaturesSql);
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
                EnumText.Parse<FeatureKind>(reader.GetString(2)),
                reader.GetString(3),
                reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.GetDouble(6),
                reader.GetBoolean(7),
                reader.GetDouble(8)));
        }

        return features;
    }
}
