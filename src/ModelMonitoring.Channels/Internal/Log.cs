using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal;

/// <summary>
/// Every log message of the channels package, with fixed event ids (2001 and up). Messages name the
/// channel, the alert and a reason; never a URL, key, secret or password. The final failure of a
/// delivery is not logged here: it is thrown, and the pipeline logs it.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Alert channel {Channel} could not deliver alert {AlertId} ({AlertName} for model {Model}) on attempt {Attempt}: {Reason}. Retrying in {Delay}.")]
    public static partial void AttemptFailed(ILogger logger, string channel, string alertId, string alertName, string model, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(2002, LogLevel.Debug, "Alert channel {Channel} delivered alert {AlertId} ({State}) in {Attempts} attempt(s).")]
    public static partial void Delivered(ILogger logger, string channel, string alertId, AlertState state, int attempts);

    [LoggerMessage(2003, LogLevel.Warning, "Alert channel {Channel} shortened the PagerDuty event of alert {AlertId} to stay within {Limit} bytes.")]
    public static partial void PagerDutyEventTruncated(ILogger logger, string channel, string alertId, int limit);
}
