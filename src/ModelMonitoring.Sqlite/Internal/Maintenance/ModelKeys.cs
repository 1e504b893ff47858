using Microsoft.Data.Sqlite;

namespace ModelMonitoring.Sqlite.Internal.Maintenance;

/// <summary>Reads the stored models' ids and distinct names (maintenance works model by model, through per-model indexes).</summary>
internal static class ModelKeys
{
    public static List<long> ReadIds(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM models ORDER BY id;";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    public static List<string> ReadNames(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT name FROM models ORDER BY name;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
