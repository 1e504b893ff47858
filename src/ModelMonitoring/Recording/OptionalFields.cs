namespace ModelMonitoring.Recording;

/// <summary>The <see cref="Prediction"/> properties that note they were set (see <see cref="Prediction.Optional"/>).</summary>
[Flags]
internal enum OptionalFields
{
    None = 0,
    CategoricalFeatures = 1 << 0,
    ErrorKind = 1 << 1,
    PredictedValue = 1 << 2,
    Id = 1 << 3,
    Timestamp = 1 << 4,
    InputHash = 1 << 5,
    Segment = 1 << 6,
    Attributions = 1 << 7,
    ClassProbabilities = 1 << 8,
}
