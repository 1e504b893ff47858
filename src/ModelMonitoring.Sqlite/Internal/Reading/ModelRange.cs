using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>
/// A model name and a half-open time range in stored microseconds; builds the parameterised commands
/// that select a model's rows (across its versions and environments) in the range.
/// </summary>
internal readonly record struct ModelRange(string Model, long From, long To)
{
    /// <summary>The filter on a table with <c>model_id</c> and <c>ts</c>; served by the (model_id, ts) indexes.</summary>
    public const string Filter = "model_id IN (SELECT id FROM models WHERE name = $model) AND ts >= $from AND ts < $to";

    public static ModelRange Create(string model, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range must not be before its start ({from:O}).");
        }

        return new ModelRange(model, UnixMicroseconds.FromBound(from), UnixMicroseconds.FromBound(to));
    }

    public SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$model", Model);
        command.Parameters.AddWithValue("$from", From);
        command.Parameters.AddWithValue("$to", To);
        return command;
    }
}
