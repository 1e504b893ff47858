namespace ModelMonitoring.Alerting;

/// <summary>Filters alerts by model, environment and severity; a <see langword="null"/> member matches everything.</summary>
public sealed record AlertQuery
{
    /// <summary>Gets a query that matches every alert.</summary>
    public static AlertQuery All { get; } = new();

    /// <summary>Gets the model name to match.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the environment to match.</summary>
    public string? Environment { get; init; }

    /// <summary>Gets the severity to match.</summary>
    public AlertSeverity? Severity { get; init; }

    /// <summary>Returns whether <paramref name="alert"/> matches.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns><see langword="true"/> when every given member matches.</returns>
    public bool Matches(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (Model is null || string.Equals(Model, alert.Model, StringComparison.Ordinal))
            && (Environment is null || string.Equals(Environment, alert.Environment, StringComparison.Ordinal))
            && (Severity is null || Severity == alert.Severity);
    }
}
