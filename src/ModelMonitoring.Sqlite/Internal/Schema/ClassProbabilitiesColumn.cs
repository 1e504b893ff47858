namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 15: a classifier's predictions keep their class probabilities (<see cref="Storage.PredictionRecord.ClassProbabilities"/>)
/// in <c>class_probabilities</c>, packed float64 as the numeric features are (<see cref="Codecs.NumericCodec"/>), one value per
/// class in the order the model declares them; NULL for a prediction without any, and for every prediction stored before.
/// </summary>
internal static class ClassProbabilitiesColumn
{
    /// <summary>The step's number, the one place to change when steps are renumbered.</summary>
    public const int Version = 15;

    public static readonly Migration Migration = new(Version, "class probabilities of predictions", """
        ALTER TABLE predictions ADD COLUMN class_probabilities BLOB;
        """);
}
