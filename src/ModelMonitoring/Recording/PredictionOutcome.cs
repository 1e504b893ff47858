namespace ModelMonitoring.Recording;

/// <summary>
/// How a model call timed by <see cref="ModelMonitorTimingExtensions"/> ended: its result, or the
/// exception it threw. Passed to a <see cref="PredictionMapping{TState, TResult}"/>.
/// </summary>
/// <typeparam name="TResult">The model's result type.</typeparam>
public readonly struct PredictionOutcome<TResult>
{
    internal PredictionOutcome(TResult result)
    {
        Result = result;
        Exception = null;
    }

    internal PredictionOutcome(Exception exception)
    {
        Result = default!;
        Exception = exception;
    }

    /// <summary>Gets the model's result; the type's default value when the call threw.</summary>
    public TResult Result { get; }

    /// <summary>Gets the exception the call threw, or <see langword="null"/> when it returned.</summary>
    public Exception? Exception { get; }

    /// <summary>Gets a value indicating whether the call returned a result.</summary>
    public bool Succeeded => Exception is null;
}
