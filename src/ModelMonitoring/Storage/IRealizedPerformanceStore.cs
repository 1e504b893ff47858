namespace ModelMonitoring.Storage;

/// <summary>
/// What the worker needs from the store to compute realized performance per prediction window: predictions joined with
/// their labels, the windows whose predictions received labels lately, and a place to keep the results. Storage providers
/// implement it next to <see cref="IMonitoringReader"/>, which reads the results back
/// (<see cref="IMonitoringReader.GetRealizedPerformanceAsync"/>).
/// </summary>
/// <remarks>
/// Windows are the pipeline's (<see cref="ModelMonitoringOptions.AggregationWindow"/>): a window starts at a multiple of its
/// length counted from <see cref="DateTimeOffset.MinValue"/>, which for a length that divides a day is a multiple counted
/// from the Unix epoch. A model is identified by name across its versions and environments. Implementations read through
/// the per-model time indexes (no full scan) and let exceptions propagate.
/// </remarks>
public interface IRealizedPerformanceStore
{
    /// <summary>Gets a model's stored predictions made in <c>[from, to)</c> that have a stored label, each with its label.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start, compared with the prediction's timestamp.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The labelled predictions, in no particular order.</returns>
    Task<IReadOnlyList<LabelledPrediction>> GetLabelledPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Gets the prediction windows of a model that hold a prediction whose label has a timestamp at or after <paramref name="labelledSince"/>.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="labelledSince">The earliest label timestamp to consider.</param>
    /// <param name="predictedSince">The earliest prediction timestamp to consider (the look-back).</param>
    /// <param name="window">The length of a window.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The starts of the windows, oldest first.</returns>
    Task<IReadOnlyList<DateTimeOffset>> GetLabelledWindowsAsync(string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Replaces everything stored for one prediction window of a model with a new computation, atomically.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="windowStart">The start of the window.</param>
    /// <param name="performance">The window's performance, overall and per segment; every item has <paramref name="windowStart"/> as its start.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the rows are written.</returns>
    Task SaveRealizedPerformanceAsync(string model, DateTimeOffset windowStart, IReadOnlyList<RealizedPerformance> performance, CancellationToken cancellationToken = default);

    /// <summary>Gets when a model's realized performance was last computed, to resume after a restart or a change of leader.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The latest <see cref="RealizedPerformance.ComputedAt"/> stored for the model, or <see langword="null"/> when none is.</returns>
    Task<DateTimeOffset?> GetLastComputedAsync(string model, CancellationToken cancellationToken = default);
}
