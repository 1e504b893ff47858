namespace ModelMonitoring.Trends;

/// <summary>The health of a model over one hour or day, from the scores of the windows that started in it.</summary>
/// <param name="Start">The start of the bucket (UTC).</param>
/// <param name="WindowCount">Windows scored in the bucket.</param>
/// <param name="MeanScore">The mean score, 0–100.</param>
/// <param name="MinScore">The lowest score, 0–100.</param>
public sealed record HealthTrendPoint(DateTimeOffset Start, long WindowCount, double MeanScore, double MinScore);
