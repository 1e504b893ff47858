using ModelMonitoring.Trends;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads roll-ups (never raw predictions) through the <c>rollups</c> primary key.</summary>
internal static class TrendQueries
{
    // The prefix is matched with left() rather than LIKE, so '_' and '%' in it are literal.
    private const string Sql = """
        SELECT bucket_start, metric, value, weight FROM {schema}.rollups
        WHERE model = $1 AND resolution = $2 AND bucket_start >= $3 AND bucket_start < $4
          AND ($5::text IS NULL OR left(metric, length($5)) = $5)
        ORDER BY bucket_start, metric COLLATE "C";
        """;

    public static async Task<IReadOnlyList<TrendPoint>> ReadAsync(
        NpgsqlConnection connection, SqlText sql, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? prefix, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[Sql], connection);
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(model),
            Parameters.Of((short)resolution, NpgsqlDbType.Smallint),
            Parameters.Of(Timestamps.ToBound(from), NpgsqlDbType.TimestampTz),
            Parameters.Of(Timestamps.ToBound(to), NpgsqlDbType.TimestampTz),
            Parameters.Text(prefix));
        var points = new List<TrendPoint>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(new TrendPoint(
                Timestamps.FromStored(reader.GetDateTime(0)),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.GetInt64(3)));
        }

        return points;
    }
}
