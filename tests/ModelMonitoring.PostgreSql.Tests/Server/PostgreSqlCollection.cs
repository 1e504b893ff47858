namespace ModelMonitoring.PostgreSql.Tests.Server;

/// <summary>Every test class that talks to PostgreSQL is in this collection, so one server serves them all and is stopped once, at the end.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL";
}
