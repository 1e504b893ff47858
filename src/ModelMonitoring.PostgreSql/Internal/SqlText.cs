namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>
/// The store's SQL names its tables as <c>{schema}.table</c>; the placeholder is replaced once per
/// statement with the validated, quoted schema name, so every statement works in any schema without
/// touching the connection's search path (which a data source given by the application owns).
/// </summary>
internal sealed class SqlText(string schema)
{
    private const string Placeholder = "{schema}";

    public string Schema { get; } = schema;

    /// <summary>Gets the quoted schema name; the name is validated as a lower-case identifier, so quoting cannot be escaped.</summary>
    public string QuotedSchema { get; } = $"\"{schema}\"";

    public string this[string sql] => sql.Replace(Placeholder, QuotedSchema, StringComparison.Ordinal);
}
