namespace ModelMonitoring.Storage;

/// <summary>Reads stored predictions back in full, features and class probabilities included; implemented by every storage provider.</summary>
/// <remarks>Every prediction of the range is read into memory: keep ranges short (the report reads one hour).</remarks>
public interface IPredictionReader
{
    /// <summary>Reads the model's stored predictions with a timestamp in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="model">The model's name (all its versions and environments).</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The predictions, their features in the model's schema order and their class probabilities (empty when none were recorded) in the order of its classes.</returns>
    Task<IReadOnlyList<PredictionRecord>> GetPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
