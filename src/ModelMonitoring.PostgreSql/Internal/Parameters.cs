using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>Typed positional parameters (<c>$1</c>, <c>$2</c>, …): a null is sent as a typed NULL, so the server never has to guess a type.</summary>
internal static class Parameters
{
    public static NpgsqlParameter Of(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    public static NpgsqlParameter Text(string? value) => Of(value, NpgsqlDbType.Text);

    public static NpgsqlParameter Integer(int value) => Of(value, NpgsqlDbType.Integer);

    public static NpgsqlParameter Double(double? value) => Of(value, NpgsqlDbType.Double);

    public static NpgsqlParameter Timestamp(DateTimeOffset? value) => Of(Timestamps.ToStored(value), NpgsqlDbType.TimestampTz);

    public static NpgsqlParameter TextArray(string?[]? value) => Of(value, NpgsqlDbType.Array | NpgsqlDbType.Text);

    public static void AddTo(NpgsqlParameterCollection collection, params NpgsqlParameter[] parameters)
    {
        foreach (var parameter in parameters)
        {
            collection.Add(parameter);
        }
    }
}
