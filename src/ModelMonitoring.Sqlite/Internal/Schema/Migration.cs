using Microsoft.Data.Sqlite;

namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>One step of the schema: applied in its own transaction, after which <c>PRAGMA user_version</c> equals <see cref="Version"/>.</summary>
/// <param name="Version">The schema version this step produces; steps are numbered 1, 2, 3, …</param>
/// <param name="Description">What the step adds, for the log.</param>
/// <param name="Sql">The statements.</param>
/// <param name="Rewrite">Runs after <paramref name="Sql"/> in the same transaction, for data SQL alone cannot convert (such as blobs only this package decodes).</param>
internal sealed record Migration(int Version, string Description, string Sql, Action<SqliteConnection>? Rewrite = null);
