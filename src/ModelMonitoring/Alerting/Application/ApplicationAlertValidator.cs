using System.Globalization;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Alerting;

/// <summary>
/// Checks an <see cref="ApplicationAlert"/> and turns it into the <see cref="Alert"/> the alert manager keeps.
/// Throws an <see cref="ArgumentException"/> naming the first field that is not allowed: the caller is the
/// application, which can fix the call, so nothing is silently cut or dropped.
/// </summary>
internal static class ApplicationAlertValidator
{
    private const string Parameter = "alert";

    public static Alert ToAlert(ApplicationAlert alert, RecordingLimits limits, IReadOnlyList<ManagedAlertRule> rules, AlertNotifier notifier, DateTimeOffset now)
    {
        CheckText(alert.Name, nameof(alert.Name), limits.MaxLabelLength, required: true);
        if (alert.Name.StartsWith("threshold.", StringComparison.Ordinal) || alert.Name.StartsWith(AlertRuleConstants.DriftPrefix, StringComparison.Ordinal)
            || alert.Name.StartsWith(AlertRuleConstants.ConceptPrefix, StringComparison.Ordinal))
        {
            Fail(nameof(alert.Name), $"'{alert.Name}' is reserved: names starting with 'threshold.', 'drift.' or 'concept.' belong to built-in alerts.");
        }

        if (alert.Name.StartsWith(Estimation.EstimatedMetricNames.Prefix, StringComparison.Ordinal))
        {
            Fail(nameof(alert.Name), $"'{alert.Name}' is reserved: names starting with 'estimated.' belong to the alerts of performance estimation.");
        }

        if (rules.Any(r => string.Equals(r.Rule.Name, alert.Name, StringComparison.Ordinal)))
        {
            Fail(nameof(alert.Name), $"'{alert.Name}' is the name of an alert rule (configured or added at run time), whose alerts it would take over; give the application alert a name of its own.");
        }

        if (!Enum.IsDefined(alert.Severity))
        {
            Fail(nameof(alert.Severity), $"{alert.Severity} is not a severity; use Info, Warning or Critical.");
        }

        CheckText(alert.Message, nameof(alert.Message), limits.MaxTextLength, required: true);
        if (alert.Model is not null)
        {
            CheckText(alert.Model, nameof(alert.Model), limits.MaxLabelLength, required: true);
        }

        return new Alert
        {
            Model = alert.Model ?? string.Empty,
            Name = alert.Name,
            Severity = alert.Severity,
            State = AlertState.Firing,
            Message = alert.Message,
            Metadata = Metadata(alert.Metadata, limits),
            Channels = Channels(alert.Channels, notifier),
            ExpiresAt = Expiry(alert, now),
            Timestamp = now,
        };
    }

    private static IReadOnlyDictionary<string, string> Metadata(IReadOnlyDictionary<string, string>? metadata, RecordingLimits limits)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return AlertMetadata.Empty;
        }

        if (metadata.Count > limits.MaxMetadataEntries)
        {
            Fail(nameof(ApplicationAlert.Metadata), Invariant($"{metadata.Count} entries are more than the {limits.MaxMetadataEntries} allowed (RecordingLimits.MaxMetadataEntries)."));
        }

        var copy = new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            CheckText(key, "Metadata key", limits.MaxLabelLength, required: true);
            CheckText(value, $"Metadata[{key}]", limits.MaxTextLength, required: false);
            copy[key] = AlertMetadata.IsSecretKey(key) ? AlertMetadata.RedactedValue : value;
        }

        return copy.AsReadOnly();
    }

    private static string[] Channels(IReadOnlyList<string>? channels, AlertNotifier notifier)
    {
        if (channels is null)
        {
            return [];
        }

        foreach (var channel in channels)
        {
            if (string.IsNullOrWhiteSpace(channel) || !notifier.IsRegistered(channel))
            {
                Fail(nameof(ApplicationAlert.Channels), $"'{channel}' is not a registered alert channel.");
            }
        }

        return [.. channels.Distinct(StringComparer.Ordinal)];
    }

    private static DateTimeOffset? Expiry(ApplicationAlert alert, DateTimeOffset now)
    {
        if (alert.ExpiresAt is not null && alert.TimeToLive is not null)
        {
            Fail(nameof(alert.ExpiresAt), "set ExpiresAt or TimeToLive, not both.");
        }

        if (alert.TimeToLive is { } ttl)
        {
            if (ttl <= TimeSpan.Zero || ttl == Timeout.InfiniteTimeSpan || ttl > DateTimeOffset.MaxValue - now)
            {
                Fail(nameof(alert.TimeToLive), $"{ttl} is not allowed; use a positive, finite duration.");
            }

            return now + ttl;
        }

        if (alert.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            Fail(nameof(alert.ExpiresAt), Invariant($"{expiresAt:O} is not later than now ({now:O}); an alert cannot expire in the past."));
        }

        return alert.ExpiresAt?.ToUniversalTime();
    }

    private static void CheckText(string? text, string field, int maxLength, bool required)
    {
        if (text is null || (required && string.IsNullOrWhiteSpace(text)))
        {
            Fail(field, "must not be empty.");
        }

        if (text.Length > maxLength)
        {
            Fail(field, Invariant($"{text.Length} characters are more than the {maxLength} allowed."));
        }

        if (text.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0)
        {
            Fail(field, "must not contain control characters (line breaks included): they would split log lines and channel messages.");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string field, string problem) =>
        throw new ArgumentException($"ApplicationAlert.{field}: {problem}", Parameter);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
