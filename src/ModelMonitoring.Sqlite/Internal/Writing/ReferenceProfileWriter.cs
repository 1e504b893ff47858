using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Saves and deletes reference profiles on the write connection; each is one statement, so atomic by itself.</summary>
internal sealed class ReferenceProfileWriter : IDisposable
{
    private const string UpsertSql = """
        INSERT INTO reference_profiles (model, row_count, profile) VALUES (?, ?, ?)
        ON CONFLICT (model) DO UPDATE SET row_count = excluded.row_count, profile = excluded.profile;
        """;

    private const string DeleteSql = "DELETE FROM reference_profiles WHERE model = ?;";

    private readonly RawStatement _upsert;
    private readonly RawStatement _delete;

    public ReferenceProfileWriter(sqlite3 db)
    {
        _upsert = new RawStatement(db, UpsertSql);
        try
        {
            _delete = new RawStatement(db, DeleteSql);
        }
        catch
        {
            _upsert.Dispose();
            throw;
        }
    }

    /// <summary>Saves a profile already serialised by <see cref="Drift.ReferenceProfileCodec"/>.</summary>
    public void Save(string model, int rowCount, ReadOnlySpan<byte> profile)
    {
        _upsert.BindText(1, model);
        _upsert.BindInt64(2, rowCount);
        _upsert.BindBlob(3, profile);
        _upsert.Execute();
    }

    public void Delete(string model)
    {
        _delete.BindText(1, model);
        _delete.Execute();
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
    }
}
