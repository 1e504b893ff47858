namespace ModelMonitoring.Recording;

/// <summary>
/// Describes a model call timed by <see cref="ModelMonitorTimingExtensions"/> as the
/// <see cref="Prediction"/> to record: its features (from the state, the model's input) and, when
/// <see cref="PredictionOutcome{TResult}.Succeeded"/>, its predicted class or value and confidence.
/// </summary>
/// <remarks>
/// <see cref="Prediction.Latency"/> is always set by the caller of the mapping. After an exception,
/// <see cref="Prediction.Status"/> and <see cref="Prediction.ErrorKind"/> are set too; after a
/// result, those the mapping set are kept (so a model that reports failure in its result can record
/// it), and the default is <see cref="PredictionStatus.Success"/>. Use a <see langword="static"/>
/// lambda so that nothing is allocated: what it needs comes in through the state.
/// </remarks>
/// <typeparam name="TState">The state passed to the model call.</typeparam>
/// <typeparam name="TResult">The model's result type.</typeparam>
/// <param name="state">The state passed to the model call.</param>
/// <param name="outcome">The model's result, or the exception it threw.</param>
/// <returns>The prediction to record.</returns>
public delegate Prediction PredictionMapping<TState, TResult>(TState state, PredictionOutcome<TResult> outcome);
