using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>
/// Tells whether the database file a connection has open is still the file at its path: a file deleted
/// or replaced under a running store would otherwise keep taking writes that no one can ever read.
/// </summary>
/// <remarks>
/// Asks SQLite itself (<c>SQLITE_FCNTL_HAS_MOVED</c>: on Unix, the path no longer exists or names another
/// inode), which costs one <c>stat</c> call. Where the file control is not available (it is not on Windows,
/// where an open database file cannot be deleted anyway), only a missing file is detected.
/// </remarks>
internal static class DatabaseFileIdentity
{
    private const int HasMovedFileControl = 20;
    private static readonly byte[] MainDatabase = "main\0"u8.ToArray();
    private static volatile bool s_fileControlMissing;

    /// <summary>Returns whether the connection's database file is no longer the file at <paramref name="path"/> (or the connection is closed).</summary>
    public static bool HasMoved(SqliteConnection connection, string path)
    {
        // A connection left closed by a reopen that failed (say, while the directory was missing) is reopened too.
        if (!File.Exists(path) || connection.Handle is not { } handle)
        {
            return true;
        }

        if (s_fileControlMissing)
        {
            return false;
        }

        try
        {
            return FileControl(handle.DangerousGetHandle(), MainDatabase, HasMovedFileControl, out var moved) == SQLitePCL.raw.SQLITE_OK && moved != 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_fileControlMissing = true;
            return false;
        }
    }

    // The bundled SQLite library, already loaded by SQLitePCLRaw under this name.
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", ExactSpelling = true)]
    private static extern int FileControl(IntPtr db, byte[] databaseName, int operation, out int result);
}
