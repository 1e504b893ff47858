using ModelMonitoring.Alerting;

using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Internal;

/// <summary>Every log message of the core package, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Sink {Sink} failed to write a batch of {Count} records for model {Model} (attempt {Attempt} of {Attempts}).")]
    public static partial void SinkWriteFailed(ILogger logger, Exception exception, string sink, int count, string model, int attempt, int attempts);

    [LoggerMessage(2, LogLevel.Warning, "Sink {Sink} did not finish writing a batch for model {Model} within {Timeout}; the write was abandoned (attempt {Attempt} of {Attempts}).")]
    public static partial void SinkWriteTimedOut(ILogger logger, string sink, string model, TimeSpan timeout, int attempt, int attempts);

    [LoggerMessage(3, LogLevel.Error, "Dropped a batch of {Count} records for model {Model} after {Attempts} failed attempts; reason {Reason}.")]
    public static partial void BatchDropped(ILogger logger, int count, string model, int attempts, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Records were requested for model '{Model}', which is not configured; they are dropped and counted as UnknownModel.")]
    public static partial void UnknownModel(ILogger logger, string model);

    [LoggerMessage(5, LogLevel.Warning, "Alert channel {Channel} failed to deliver alert {Alert} for model {Model}.")]
    public static partial void AlertDeliveryFailed(ILogger logger, Exception exception, string channel, string alert, string model);

    [LoggerMessage(6, LogLevel.Warning, "Monitoring shutdown did not finish within {Timeout}; {Count} records were not written and are counted as ShutdownTimeout.")]
    public static partial void ShutdownTimedOut(ILogger logger, TimeSpan timeout, long count);

    [LoggerMessage(7, LogLevel.Error, "The monitoring worker failed unexpectedly; it continues with the next cycle.")]
    public static partial void WorkerCycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Monitoring started for {ModelCount} model(s) with {SinkCount} sink(s) and {ChannelCount} alert channel(s).")]
    public static partial void Started(ILogger logger, int modelCount, int sinkCount, int channelCount);

    [LoggerMessage(9, LogLevel.Warning, "Flush did not complete within {Timeout}.")]
    public static partial void FlushTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(20, LogLevel.Warning, "Alert channel {Channel} has a full queue; a notification of alert {Alert} for model {Model} was dropped.")]
    public static partial void AlertNotificationDropped(ILogger logger, string channel, string alert, string model);

    [LoggerMessage(21, LogLevel.Warning, "The alert store failed to save alert {Alert} for model {Model}; it is kept in memory and saved again on its next change.")]
    public static partial void AlertSaveFailed(ILogger logger, Exception exception, string alert, string model);

    [LoggerMessage(22, LogLevel.Debug, "A notification of alert {Alert} for model {Model} was withheld ({Reason}).")]
    public static partial void AlertNotificationWithheld(ILogger logger, string alert, string model, string reason);

    [LoggerMessage(23, LogLevel.Warning, "The alert store could not be read; alerting starts with no active alerts and tries again on the next cycle.")]
    public static partial void AlertStoreLoadFailed(ILogger logger, Exception exception);
    [LoggerMessage(10, LogLevel.Warning, "Drift detector {Detector} failed on the window of model {Model}; the check is counted as failed and the worker carries on.")]
    public static partial void DriftCheckFailed(ILogger logger, Exception exception, string detector, string model);

    [LoggerMessage(11, LogLevel.Information, "Learned the drift reference of model {Model} from its first {Rows} predictions.")]
    public static partial void ReferenceLearned(ILogger logger, string model, int rows);

    [LoggerMessage(12, LogLevel.Warning, "Could not learn the drift reference of model {Model} from its first predictions; collecting again.")]
    public static partial void ReferenceLearningFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(13, LogLevel.Information, "Loaded the saved drift reference of model {Model} ({Rows} rows).")]
    public static partial void ReferenceLoaded(ILogger logger, string model, int rows);

    [LoggerMessage(14, LogLevel.Information, "Saved the learned drift reference of model {Model} ({Rows} rows).")]
    public static partial void ReferenceSaved(ILogger logger, string model, int rows);

    [LoggerMessage(15, LogLevel.Warning, "The reference store failed to {Operation} the drift reference of model {Model}; retrying in {RetryDelay}.")]
    public static partial void ReferenceStoreFailed(ILogger logger, Exception exception, string operation, string model, TimeSpan retryDelay);

    [LoggerMessage(16, LogLevel.Warning, "The saved drift reference of model {Model} does not fit the model's features ({Problems}); it is not used.")]
    public static partial void StoredReferenceRejected(ILogger logger, string model, string problems);

    [LoggerMessage(50, LogLevel.Warning, "Model {Model} has had no value of its custom metric {Metric} in its first {Windows} closed windows, so the rules and thresholds on it ({Conditions}) were not evaluated; check that RecordMetric is called with exactly this name. Logged once.")]
    public static partial void CustomMetricMissing(ILogger logger, string model, string metric, int windows, string conditions);

    [LoggerMessage(80, LogLevel.Warning, "The drift reference of model {Model} {Source} is refused: {Problems}. {Next}")]
    public static partial void ReferenceRefused(ILogger logger, string model, string source, string problems, string next);

    [LoggerMessage(81, LogLevel.Information, "Relearning the drift reference of model {Model} from its next {Rows} predictions.")]
    public static partial void ReferenceRelearning(ILogger logger, string model, int rows);

    [LoggerMessage(60, LogLevel.Warning, "Monitors were requested {Count} more time(s) for model names that are not configured, past the first {Capacity} such names (latest '{Model}'); they share one monitor that drops every record as UnknownModel. This summary repeats at most every {Interval}.")]
    public static partial void UnknownModelsSummarised(ILogger logger, long count, int capacity, string model, TimeSpan interval);

    [LoggerMessage(40, LogLevel.Error, "The {Stage} stage ({Source}) failed for model {Model}; it is skipped for this model in this cycle and the worker carries on ({Unlogged} identical failures since the last report; an unchanged failure is logged at most once per {Interval}).")]
    public static partial void StageFailed(ILogger logger, Exception exception, string stage, string source, string model, long unlogged, TimeSpan interval);

    [LoggerMessage(41, LogLevel.Warning, "{Count} records of model {Model} so far were stored but left out of window metrics: {MaxOpenWindows} windows, the most allowed, were open, or the record's window would end after the latest representable time (logged at most once per {Interval}).")]
    public static partial void WindowsFull(ILogger logger, long count, string model, int maxOpenWindows, TimeSpan interval);

    [LoggerMessage(42, LogLevel.Warning, "{Count} successful predictions of model {Model} so far could not be used for performance estimation: their predicted class is not one the reference calibrates, or they lack {Needs}; windows with fewer usable predictions than MinWindowSize get no estimate (logged at most once per {Interval}).")]
    public static partial void UnusedForEstimation(ILogger logger, long count, string model, string needs, TimeSpan interval);

    [LoggerMessage(70, LogLevel.Warning, "Sink {Sink} is still running a write it was given earlier, so it was not given the batch of model {Model} (attempt {Attempt} of {Attempts}); a sink never runs two writes at once.")]
    public static partial void SinkStillBusy(ILogger logger, string sink, string model, int attempt, int attempts);

    [LoggerMessage(71, LogLevel.Information, "A write of sink {Sink} for model {Model} that had been abandoned finished after all; its {Count} records are counted as stored instead of {Reason}.")]
    public static partial void AbandonedWriteStored(ILogger logger, string sink, string model, int count, string reason);

    [LoggerMessage(72, LogLevel.Warning, "{Count} predictions of model {Model} were not stored because a prediction with the same id was already stored; they are counted as DuplicateId (logged once).")]
    public static partial void DuplicatePredictions(ILogger logger, int count, string model);

    [LoggerMessage(73, LogLevel.Warning, "Monitoring shutdown reached its timeout {Timeout} while the worker was still finishing a step; the records it has not written when it stops are counted as ShutdownTimeout then.")]
    public static partial void ShutdownWorkerBusy(ILogger logger, TimeSpan timeout);

    [LoggerMessage(74, LogLevel.Debug, "Retrying {Records} records of model {Model} in {Parts} parts, so that what a sink can take is stored (attempt {Attempt} of {Attempts}).")]
    public static partial void BatchSplit(ILogger logger, int records, string model, int parts, int attempt, int attempts);

    [LoggerMessage(214, LogLevel.Warning, "A sink's store refused {Count} records of model {Model} for what they hold; the rest of their batch was written in parts and stored, and these are counted as dropped (Rejected). Last refusal: {Reason}")]
    public static partial void RecordsRejected(ILogger logger, int count, string model, string reason);

    [LoggerMessage(110, LogLevel.Warning, "A configuration change of model monitoring was refused and the last valid settings stay in force: {Problems}")]
    public static partial void ConfigurationReloadRejected(ILogger logger, string problems);

    [LoggerMessage(111, LogLevel.Information, "Model monitoring took a configuration change: thresholds, rules, silences and routes apply from the next window evaluated.")]
    public static partial void ConfigurationReloaded(ILogger logger);

    [LoggerMessage(150, LogLevel.Information, "The application raised alert {Alert} ({Severity}) for model '{Model}'; id {AlertId}.")]
    public static partial void ApplicationAlertRaised(ILogger logger, string alert, string model, AlertSeverity severity, string alertId);

    [LoggerMessage(151, LogLevel.Information, "Alert {Alert} for model '{Model}' (id {AlertId}) expired at {ExpiresAt:O} and is resolved.")]
    public static partial void ApplicationAlertExpired(ILogger logger, string alert, string model, string alertId, DateTimeOffset expiresAt);
}
