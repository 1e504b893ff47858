namespace ModelMonitoring.Alerting;

/// <summary>
/// Mutes notifications of alerts that match a model, alert name and severity during a period.
/// Silenced alerts are still recorded in the alert store.
/// </summary>
public sealed record Silence
{
    /// <summary>Gets the silence's identifier; assigned when the silence is added if empty.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the model to match, or <see langword="null"/> for every model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the alert name to match; a trailing <c>*</c> matches any suffix (<c>drift.*</c>). <see langword="null"/> matches every alert.</summary>
    public string? AlertName { get; init; }

    /// <summary>Gets the severity to match, or <see langword="null"/> for every severity.</summary>
    public AlertSeverity? Severity { get; init; }

    /// <summary>Gets when the silence starts (UTC).</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>Gets when the silence ends (UTC, exclusive).</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>Gets who created the silence.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Gets why the silence exists.</summary>
    public string? Comment { get; init; }

    /// <summary>Returns whether the silence mutes <paramref name="alert"/> at <paramref name="at"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="at">The time of the notification.</param>
    /// <returns><see langword="true"/> when the alert is muted.</returns>
    public bool Matches(Alert alert, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return at >= StartsAt && at < EndsAt
            && (Model is null || string.Equals(Model, alert.Model, StringComparison.Ordinal))
            && (Severity is null || Severity == alert.Severity)
            && NameMatches(AlertName, alert.Name);
    }

    internal static bool NameMatches(string? pattern, string name) =>
        pattern is null
        || (pattern.EndsWith('*') ? name.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal) : string.Equals(pattern, name, StringComparison.Ordinal));
}
