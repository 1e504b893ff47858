namespace ModelMonitoring.Trends;

/// <summary>The drift of one feature of a model over one hour or day, from the drift checks that ran in it.</summary>
/// <param name="Start">The start of the bucket (UTC).</param>
/// <param name="Feature">The feature.</param>
/// <param name="TestCount">Drift tests of the feature in the bucket.</param>
/// <param name="DriftedCount">Tests that found drift.</param>
/// <param name="MaxScore">The highest drift score, or <see langword="null"/> when no test reported one.</param>
/// <param name="MeanScore">The mean drift score, or <see langword="null"/> when no test reported one.</param>
public sealed record DriftTrendPoint(DateTimeOffset Start, string Feature, long TestCount, long DriftedCount, double? MaxScore, double? MeanScore);
