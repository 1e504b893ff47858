namespace ModelMonitoring.Sqlite.Internal;

/// <summary>Resolves the configured path once, so a later change of the current directory cannot move the database.</summary>
internal static class SqlitePaths
{
    public static string Resolve(string path) => Path.GetFullPath(path);
}
