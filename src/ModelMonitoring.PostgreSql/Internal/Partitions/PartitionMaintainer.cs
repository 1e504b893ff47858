using System.Globalization;
using Microsoft.Extensions.Logging;
using ModelMonitoring.PostgreSql.Internal.Schema;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Partitions;

/// <summary>
/// Keeps the daily partitions of <c>predictions</c>: creates today's and the next
/// <see cref="DaysAhead"/> days' partitions, and drops the partitions of days before the retention,
/// in one transaction under the schema's advisory lock, so replicas doing it at once take turns.
/// </summary>
/// <remarks>
/// A partition is named <c>predictions_pYYYYMMDD</c> after its UTC day. Rows whose day had no partition
/// went to the DEFAULT partition; a partition created for such a day takes them over (PostgreSQL would
/// refuse to attach it otherwise), and expired rows of the DEFAULT partition are deleted, the one place
/// where retention deletes rows. The ids of expired predictions leave <c>prediction_ids</c> with them.
/// </remarks>
internal static class PartitionMaintainer
{
    /// <summary>How many days after today get their partition ahead of time.</summary>
    internal const int DaysAhead = 7;

    private const string Prefix = "predictions_p";

    public static async Task MaintainAsync(
        NpgsqlConnection connection, SqlText sql, DateOnly today, int? retentionDays, int commandTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvisoryLock.TakeAsync(connection, sql.Schema, cancellationToken).ConfigureAwait(false);
        var existing = await ReadDaysAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        var keepFrom = retentionDays is { } days ? today.AddDays(-days) : DateOnly.MinValue;
        for (var day = today; day <= today.AddDays(DaysAhead); day = day.AddDays(1))
        {
            if (!existing.Contains(day) && day >= keepFrom)
            {
                var moved = await CreateAsync(connection, sql, day, commandTimeout, cancellationToken).ConfigureAwait(false);
                Log.PartitionCreated(logger, Name(day), sql.Schema, moved);
            }
        }

        if (retentionDays is { } retention)
        {
            foreach (var day in existing.Where(d => d < keepFrom).Order())
            {
                await ExecuteAsync(connection, sql[$"DROP TABLE {{schema}}.{Name(day)};"], commandTimeout, cancellationToken).ConfigureAwait(false);
                Log.PartitionDropped(logger, Name(day), sql.Schema, retention);
            }

            var pruned = await ExecuteAsync(connection, sql[$"DELETE FROM {{schema}}.predictions_default WHERE ts < {Literal(keepFrom)};"], commandTimeout, cancellationToken).ConfigureAwait(false);
            if (pruned > 0)
            {
                Log.DefaultPartitionPruned(logger, pruned, retention, sql.Schema);
            }

            await ExecuteAsync(connection, sql[$"DELETE FROM {{schema}}.prediction_ids WHERE ts < {Literal(keepFrom)};"], commandTimeout, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the days that have a partition.</summary>
    public static async Task<HashSet<DateOnly>> ReadDaysAsync(NpgsqlConnection connection, SqlText sql, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass;";
        using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{sql.QuotedSchema}.predictions" });
        var days = new HashSet<DateOnly>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && DateOnly.TryParseExact(name.AsSpan(Prefix.Length), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    internal static string Name(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Creates the day's partition, moving into it the rows the DEFAULT partition holds for that day; returns how many moved.</summary>
    private static async Task<long> CreateAsync(NpgsqlConnection connection, SqlText sql, DateOnly day, int commandTimeout, CancellationToken cancellationToken)
    {
        var name = Name(day);
        string from = Literal(day), to = Literal(day.AddDays(1));
        await ExecuteAsync(connection, sql[$"CREATE TABLE {{schema}}.{name} (LIKE {{schema}}.predictions INCLUDING DEFAULTS INCLUDING CONSTRAINTS);"], commandTimeout, cancellationToken).ConfigureAwait(false);
        var moved = await ExecuteAsync(
            connection,
            sql[$"WITH moved AS (DELETE FROM {{schema}}.predictions_default WHERE ts >= {from} AND ts < {to} RETURNING *) INSERT INTO {{schema}}.{name} SELECT * FROM moved;"],
            commandTimeout,
            cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, sql[$"ALTER TABLE {{schema}}.predictions ATTACH PARTITION {{schema}}.{name} FOR VALUES FROM ({from}) TO ({to});"], commandTimeout, cancellationToken).ConfigureAwait(false);
        return moved;
    }

    /// <summary>The start of a UTC day as a SQL literal (DDL such as a partition bound takes no parameters).</summary>
    private static string Literal(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"'{day:yyyy-MM-dd} 00:00:00+00'");

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string text, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(text, connection) { CommandTimeout = commandTimeout };
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
