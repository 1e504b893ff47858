using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>
/// A model name and a half-open time range as stored; builds the parameterised commands that select a
/// model's rows (across its versions and environments) in the range.
/// </summary>
internal readonly record struct ModelRange(string Model, DateTime From, DateTime To)
{
    /// <summary>The filter on a table with <c>model_id</c> and <c>ts</c>; served by the (model_id, ts) indexes, and on predictions it prunes partitions.</summary>
    public const string Filter = "model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND ts >= $2 AND ts < $3";

    public static ModelRange Create(string model, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range must not be before its start ({from:O}).");
        }

        return new ModelRange(model, Timestamps.ToBound(from), Timestamps.ToBound(to));
    }

    public NpgsqlCommand Command(NpgsqlConnection connection, SqlText sql, string text)
    {
        var command = new NpgsqlCommand(sql[text], connection);
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(Model),
            Parameters.Of(From, NpgsqlTypes.NpgsqlDbType.TimestampTz),
            Parameters.Of(To, NpgsqlTypes.NpgsqlDbType.TimestampTz));
        return command;
    }
}
