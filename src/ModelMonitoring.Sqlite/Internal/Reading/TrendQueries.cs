using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads roll-ups (never raw predictions) through the <c>rollups</c> primary key.</summary>
internal static class TrendQueries
{
    // The prefix is matched with substr rather than LIKE, so '_' and '%' in it are literal.
    private const string Sql = """
        SELECT bucket_start, metric, value, weight FROM rollups
        WHERE model = $model AND resolution = $resolution AND bucket_start >= $from AND bucket_start < $to
          AND ($prefix IS NULL OR substr(metric, 1, length($prefix)) = $prefix)
        ORDER BY bucket_start, metric;
        """;

    public static async Task<IReadOnlyList<TrendPoint>> ReadAsync(
        SqliteConnection connection, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? prefix, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$resolution", (int)resolution);
        command.Parameters.AddWithValue("$from", UnixMicroseconds.FromBound(from));
        command.Parameters.AddWithValue("$to", UnixMicroseconds.FromBound(to));
        command.Parameters.Add("$prefix", SqliteType.Text).Value = (object?)prefix ?? DBNull.Value;
        var points = new List<TrendPoint>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(new TrendPoint(
                UnixMicroseconds.ToTimestamp(reader.GetInt64(0)),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.GetInt64(3)));
        }

        return points;
    }
}
