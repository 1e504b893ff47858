using System.Runtime.CompilerServices;

namespace ModelMonitoring.Recording;

/// <summary>
/// Runs a model call and records it as a prediction: its latency, whether it succeeded (with the
/// exception's type name as <see cref="Prediction.ErrorKind"/> when it threw) and what a
/// <see cref="PredictionMapping{TState, TResult}"/> makes of its result, without hand-written timing code.
/// </summary>
/// <remarks>
/// <para>
/// The latency is the difference of two <see cref="TimeProvider.GetTimestamp"/> readings of the
/// <see cref="TimeProvider"/> the pipeline was built with around the call: the one registered in the
/// service container, a fake clock in tests, and by default <see cref="TimeProvider.System"/>, whose
/// timestamp is <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>. A monitor not made by this
/// library is timed with <see cref="TimeProvider.System"/>.
/// </para>
/// <para>
/// With <see langword="static"/> lambdas and a value-type state the success path allocates nothing
/// (nor does <c>PredictAsync</c> when the model's <see cref="ValueTask{TResult}"/> has already
/// completed). An exception from the model is recorded, then rethrown unchanged: the same instance
/// with its stack trace; from <c>PredictAsync</c> always through the returned task, as from an
/// <see langword="async"/> method, even when the model call threw before returning one.
/// </para>
/// <para>
/// Cancellation: from <c>PredictAsync</c>, an <see cref="OperationCanceledException"/> thrown while the
/// caller's <see cref="CancellationToken"/> is cancelled is rethrown without being recorded: the caller
/// gave up, which says nothing about the model, and counting it would raise the error rate whenever
/// clients disconnect. Any other cancellation (a timeout inside the model call), and every exception
/// from the synchronous <c>Predict</c>, which has no token, is recorded as an error.
/// </para>
/// <para>
/// Recording itself never throws, as <see cref="IModelMonitor.RecordPrediction(in Prediction)"/>;
/// an exception from the mapping after a result reaches the caller, and one after a model exception
/// is ignored, so that the model's exception is the one rethrown.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // The state (a tuple here) carries what the lambdas need, so they can be static: no closure, no allocation.
/// var label = monitor.Predict(
///     (session, features),
///     static s =&gt; s.session.Classify(s.features),
///     static (s, outcome) =&gt; new Prediction
///     {
///         NumericFeatures = s.features,
///         PredictedClass = outcome.Succeeded ? outcome.Result.Label : null,
///         Confidence = outcome.Succeeded ? outcome.Result.Score : null,
///     });
/// </code>
/// </example>
public static class ModelMonitorTimingExtensions
{
    /// <summary>Runs a synchronous model call and records it.</summary>
    /// <typeparam name="TState">The state passed to <paramref name="predict"/> and <paramref name="map"/>.</typeparam>
    /// <typeparam name="TResult">The model's result type.</typeparam>
    /// <param name="monitor">The model's monitor.</param>
    /// <param name="state">The state, such as the model and its input.</param>
    /// <param name="predict">The model call.</param>
    /// <param name="map">Describes the call as the prediction to record.</param>
    /// <returns>The model's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/>, <paramref name="predict"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    public static TResult Predict<TState, TResult>(this IModelMonitor monitor, TState state, Func<TState, TResult> predict, PredictionMapping<TState, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(map);
        var time = ClockOf(monitor);
        var start = time.GetTimestamp();
        TResult result;
        try
        {
            result = predict(state);
        }
        catch (Exception e)
        {
            RecordFailure(monitor, time, start, state, map, e);
            throw;
        }

        RecordSuccess(monitor, time.GetElapsedTime(start, time.GetTimestamp()), state, map, result);
        return result;
    }

    /// <summary>Runs an asynchronous model call and records it.</summary>
    /// <typeparam name="TState">The state passed to <paramref name="predict"/> and <paramref name="map"/>.</typeparam>
    /// <typeparam name="TResult">The model's result type.</typeparam>
    /// <param name="monitor">The model's monitor.</param>
    /// <param name="state">The state, such as the model and its input.</param>
    /// <param name="predict">The model call, given <paramref name="cancellationToken"/>.</param>
    /// <param name="map">Describes the call as the prediction to record.</param>
    /// <param name="cancellationToken">The caller's token, passed to <paramref name="predict"/>. The default value is <see cref="CancellationToken.None"/>.</param>
    /// <returns>The model's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/>, <paramref name="predict"/> or <paramref name="map"/> is <see langword="null"/>.</exception>
    public static ValueTask<TResult> PredictAsync<TState, TResult>(
        this IModelMonitor monitor,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> predict,
        PredictionMapping<TState, TResult> map,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(map);
        var time = ClockOf(monitor);
        var start = time.GetTimestamp();
        ValueTask<TResult> pending;
        try
        {
            pending = predict(state, cancellationToken);
        }
        catch (Exception e)
        {
            // As from an async method: the exception (the same instance, its stack trace kept) comes out of the task.
            if (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                RecordFailure(monitor, time, start, state, map, e);
            }

            return ValueTask.FromException<TResult>(e);
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitAsync(monitor, time, start, state, pending, map, cancellationToken);
        }

        var result = pending.Result;
        RecordSuccess(monitor, time.GetElapsedTime(start, time.GetTimestamp()), state, map, result);
        return new ValueTask<TResult>(result);
    }

    // Pooled, so that a call that does go asynchronous reuses its state machine box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<TResult> AwaitAsync<TState, TResult>(
        IModelMonitor monitor,
        TimeProvider time,
        long start,
        TState state,
        ValueTask<TResult> pending,
        PredictionMapping<TState, TResult> map,
        CancellationToken cancellationToken)
    {
        TResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            RecordFailure(monitor, time, start, state, map, e);
            throw;
        }

        RecordSuccess(monitor, time.GetElapsedTime(start, time.GetTimestamp()), state, map, result);
        return result;
    }

    private static TimeProvider ClockOf(IModelMonitor monitor) => monitor is ModelMonitor known ? known.TimeProvider : TimeProvider.System;

    private static void RecordSuccess<TState, TResult>(IModelMonitor monitor, TimeSpan latency, TState state, PredictionMapping<TState, TResult> map, TResult result)
    {
        var prediction = map(state, new PredictionOutcome<TResult>(result));
        monitor.RecordPrediction(prediction with { Latency = latency });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordFailure<TState, TResult>(IModelMonitor monitor, TimeProvider time, long start, TState state, PredictionMapping<TState, TResult> map, Exception exception)
    {
        var latency = time.GetElapsedTime(start, time.GetTimestamp());
        try
        {
            var prediction = map(state, new PredictionOutcome<TResult>(exception));
            monitor.RecordPrediction(prediction with { Latency = latency, Status = PredictionStatus.Error, ErrorKind = exception.GetType().Name });
        }
#pragma warning disable CA1031 // The model's exception is the one the caller must see, not the mapping's.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
