namespace ModelMonitoring.Alerting;

/// <summary>
/// Thrown by an <see cref="IAlertChannel"/> when an alert could not be delivered. Its message names
/// the channel and the reason (such as an HTTP status) and never carries a secret: no URL, key or password.
/// </summary>
public sealed class AlertDeliveryException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <param name="reason">Why delivery failed, free of secrets.</param>
    /// <param name="isPermanent">Whether retrying the same alert cannot succeed (such as HTTP 400).</param>
    public AlertDeliveryException(string channel, string reason, bool isPermanent)
        : base($"Alert channel '{channel}' could not deliver the alert: {reason}")
    {
        Channel = channel;
        IsPermanent = isPermanent;
    }

    /// <summary>Initializes a new instance.</summary>
    public AlertDeliveryException()
        : this("unknown", "delivery failed", isPermanent: false)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message, free of secrets.</param>
    public AlertDeliveryException(string message)
        : base(message)
    {
        Channel = "unknown";
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message, free of secrets.</param>
    /// <param name="innerException">The cause; must not carry secrets in its message.</param>
    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Channel = "unknown";
    }

    /// <summary>Gets the channel's name.</summary>
    public string Channel { get; }

    /// <summary>Gets whether retrying the same alert cannot succeed.</summary>
    public bool IsPermanent { get; }
}
