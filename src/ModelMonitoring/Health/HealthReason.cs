namespace ModelMonitoring.Health;

/// <summary>One reason a model's health score is below 100.</summary>
/// <param name="Component">The part of the score it belongs to.</param>
/// <param name="Penalty">The points it took off (0–100).</param>
/// <param name="Message">What a human reads, with the measured value and the limit, such as "error rate 7.2% above 5%".</param>
public sealed record HealthReason(HealthComponent Component, double Penalty, string Message);
