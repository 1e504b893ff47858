using ModelMonitoring.Recording;

namespace ModelMonitoring.Health;

/// <summary>
/// The health of a model over one closed window: a score from 0 (down) to 100 (nothing wrong), the status it maps to,
/// and the reasons that took points off. The formula is documented in <c>docs/health.md</c>.
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="WindowStart">The window's inclusive start (UTC).</param>
/// <param name="WindowEnd">The window's exclusive end (UTC).</param>
/// <param name="Score">The score, 0–100.</param>
/// <param name="Status">Healthy, degraded or unhealthy, from the score and the reasons.</param>
/// <param name="Reasons">What took points off, largest penalty first; empty when the score is 100.</param>
public sealed record ModelHealth(
    string Model,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    double Score,
    ModelHealthStatus Status,
    IReadOnlyList<HealthReason> Reasons);
