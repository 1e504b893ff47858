using static ModelMonitoring.Explainability.ExplainabilityConstants;

namespace ModelMonitoring.Explainability;

/// <summary>Checks a model's explainability settings at start-up, naming each bad setting and what is allowed.</summary>
internal static class ExplainabilityOptionsValidator
{
    public static void Validate(string where, ExplainabilityOptions options, List<string> errors)
    {
        if (options.CheckInterval <= TimeSpan.Zero || options.CheckInterval == Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{where}.CheckInterval: {options.CheckInterval} is not allowed; use a positive, finite duration.");
        }

        if (options.MaxAttributionsPerWindow is < MinAttributions or > MaxAttributionsPerWindow)
        {
            errors.Add($"{where}.MaxAttributionsPerWindow: {options.MaxAttributionsPerWindow} is not allowed; use a value from {MinAttributions} to {MaxAttributionsPerWindow:N0}.");
        }

        if (options.MinimumAttributions < MinAttributions || options.MinimumAttributions > Math.Max(MinAttributions, options.MaxAttributionsPerWindow))
        {
            errors.Add($"{where}.MinimumAttributions: {options.MinimumAttributions} is not allowed; use a value from {MinAttributions} to MaxAttributionsPerWindow ({options.MaxAttributionsPerWindow:N0}).");
        }

        if (options.TopK is < 1 or > MaxTopK)
        {
            errors.Add($"{where}.TopK: {options.TopK} is not allowed; use a value from 1 to {MaxTopK}.");
        }

        if (!(options.MinRankCorrelation >= -1 && options.MinRankCorrelation <= 1))
        {
            errors.Add($"{where}.MinRankCorrelation: {options.MinRankCorrelation} is not allowed; use a value from -1 to 1.");
        }

        if (!(options.AttributionDriftPValue > 0 && options.AttributionDriftPValue < 1))
        {
            errors.Add($"{where}.AttributionDriftPValue: {options.AttributionDriftPValue} is not allowed; use a value between 0 and 1, exclusive.");
        }

        if (!(options.ComplexityMass > 0 && options.ComplexityMass <= 1))
        {
            errors.Add($"{where}.ComplexityMass: {options.ComplexityMass} is not allowed; use a value above 0 and at most 1.");
        }

        if (!(options.MaxComplexityChange > 0 && double.IsFinite(options.MaxComplexityChange)))
        {
            errors.Add($"{where}.MaxComplexityChange: {options.MaxComplexityChange} is not allowed; use a positive, finite number of features.");
        }
    }
}
