namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// A classifier's predictions keep their class probabilities (<see cref="Storage.PredictionRecord.ClassProbabilities"/>) as a
/// <c>double precision[]</c>, one value per class in the order the model declares them; NULL for a prediction without any, and
/// for every prediction stored before. Adding a nullable column without a default changes only the catalog: the partitions'
/// rows are not rewritten.
/// </summary>
internal static class ClassProbabilitiesColumn
{
    /// <summary>The step's number, the one place to change when steps are renumbered.</summary>
    public const int Version = 14;

    public static readonly Migration Migration = new(Version, "class probabilities of predictions", """
        ALTER TABLE {schema}.predictions ADD COLUMN class_probabilities double precision[];
        """);
}
