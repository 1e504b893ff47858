namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>One step of the schema, recorded as a row of <c>schema_version</c> when applied.</summary>
/// <param name="Version">The schema version this step produces; steps are numbered 1, 2, 3, …</param>
/// <param name="Description">What the step adds, for <c>schema_version</c> and the log.</param>
/// <param name="Sql">The statements; <c>{schema}</c> stands for the store's schema.</param>
internal sealed record Migration(int Version, string Description, string Sql);
