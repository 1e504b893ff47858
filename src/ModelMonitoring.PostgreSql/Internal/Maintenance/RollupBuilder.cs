using ModelMonitoring.PostgreSql.Internal.Schema;
using ModelMonitoring.Trends;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Maintenance;

/// <summary>
/// Rolls closed hours and days up, model by model, each bucket in one transaction under the schema's advisory lock
/// that replaces its rows and moves the model's progress on, so replicas doing it at once take turns and a bucket
/// rolled up twice comes out the same. At most a budget of buckets per run.
/// </summary>
internal static class RollupBuilder
{
    /// <summary>How long after a bucket closes it is rolled up.</summary>
    internal static readonly TimeSpan Delay = TimeSpan.FromMinutes(5);

    private static readonly TrendResolution[] Resolutions = [TrendResolution.Hour, TrendResolution.Day];

    public static async Task<(int Buckets, bool More)> RunAsync(
        NpgsqlConnection connection, SqlText sql, TimeSpan? rawRetention, DateTimeOffset now, int budget, int commandTimeout, CancellationToken cancellationToken)
    {
        var rolled = 0;
        foreach (var model in await ReadNamesAsync(connection, sql, cancellationToken).ConfigureAwait(false))
        {
            foreach (var resolution in Resolutions)
            {
                var length = resolution == TrendResolution.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
                if (await StartAsync(connection, sql, model, resolution, length, rawRetention, now, cancellationToken).ConfigureAwait(false) is not { } next)
                {
                    continue;
                }

                for (; next + length <= now - Delay; next += length)
                {
                    if (rolled == budget)
                    {
                        return (rolled, true);
                    }

                    await RollAsync(connection, sql, model, resolution, next, next + length, commandTimeout, cancellationToken).ConfigureAwait(false);
                    rolled++;
                }
            }
        }

        return (rolled, false);
    }

    internal static async Task<List<string>> ReadNamesAsync(NpgsqlConnection connection, SqlText sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[RollupSql.ModelNames], connection);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<DateTimeOffset?> StartAsync(
        NpgsqlConnection connection, SqlText sql, string model, TrendResolution resolution, TimeSpan length, TimeSpan? rawRetention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using (var progress = new NpgsqlCommand(sql[RollupSql.ReadProgress], connection))
        {
            Parameters.AddTo(progress.Parameters, Parameters.Text(model), Parameters.Of((short)resolution, NpgsqlDbType.Smallint));
            if (await progress.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime next)
            {
                return Timestamps.FromStored(next);
            }
        }

        using var first = new NpgsqlCommand(sql[RollupSql.FirstPrediction], connection);
        first.Parameters.Add(Parameters.Text(model));
        if (await first.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not DateTime stored)
        {
            return null;
        }

        var start = Timestamps.FromStored(stored);
        if (rawRetention is { } retention && start < now - retention)
        {
            start = now - retention;
        }

        return new DateTimeOffset(start.UtcTicks - (start.UtcTicks % length.Ticks), TimeSpan.Zero);
    }

    private static async Task RollAsync(
        NpgsqlConnection connection, SqlText sql, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, int commandTimeout, CancellationToken cancellationToken)
    {
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvisoryLock.TakeAsync(connection, sql.Schema, cancellationToken).ConfigureAwait(false);
        foreach (var text in (string[])[RollupSql.Clear, RollupSql.Volume, RollupSql.Performance, RollupSql.Drift, RollupSql.Health, RollupSql.Estimated, RollupSql.SaveProgress])
        {
            using var command = new NpgsqlCommand(sql[text], connection, transaction) { CommandTimeout = commandTimeout };
            Parameters.AddTo(
                command.Parameters,
                Parameters.Text(model),
                Parameters.Of((short)resolution, NpgsqlDbType.Smallint),
                Parameters.Timestamp(from),
                Parameters.Timestamp(to));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
