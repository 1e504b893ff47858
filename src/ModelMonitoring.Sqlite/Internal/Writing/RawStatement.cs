using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>
/// A statement prepared once on the write connection and reused for every row: values are bound
/// by index straight from spans, so binding allocates nothing (the ADO.NET command API boxes every
/// value and looks every parameter up by name on each execution).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement));
    }

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindInt64(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Binds a double; NaN is stored as NULL, as SQLite itself does.</summary>
    public void BindDouble(int index, double? value) =>
        Check(value is { } v && !double.IsNaN(v) ? raw.sqlite3_bind_double(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Binds a string from its UTF-16 characters, without converting it to a new array first.</summary>
    public void BindText(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Binds a blob. SQLite copies it, so the span's memory can be reused right away.</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement to completion and resets it for the next row.</summary>
    /// <returns>The number of rows it inserted, updated or deleted (an ignored conflicting row is not counted).</returns>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            Check(rc, raw.SQLITE_DONE);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs a statement that returns one integer (such as <c>RETURNING id</c>) and resets it.</summary>
    public long ExecuteInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            Check(rc, raw.SQLITE_ROW);
            var value = raw.sqlite3_column_int64(_statement, 0);
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            Check(rc, raw.SQLITE_DONE);
            return value;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc, int expected = raw.SQLITE_OK)
    {
        if (rc == expected)
        {
            return;
        }

        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE)
        {
            throw new InvalidOperationException($"SQLite returned code {rc} where {expected} was expected.");
        }

        SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
