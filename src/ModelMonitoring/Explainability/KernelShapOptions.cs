using System.Globalization;

namespace ModelMonitoring.Explainability;

/// <summary>Settings of <see cref="KernelShapExplainer"/>.</summary>
public sealed class KernelShapOptions
{
    /// <summary>
    /// Gets or sets the most features explained exactly: up to this many, every one of the 2^features coalitions is
    /// evaluated against the whole background and the attributions are the exact Shapley values; above it,
    /// <see cref="SampledCoalitions"/> coalitions are drawn with the Kernel SHAP weighting. Between 0 and 20. The
    /// default value is 12.
    /// </summary>
    public int MaxExactFeatures { get; set; } = KernelShapConstants.DefaultMaxExactFeatures;

    /// <summary>
    /// Gets or sets how many coalitions are evaluated per explanation in sampled mode (drawn in complementary pairs,
    /// so an odd number is rounded up). Between 2 and 1,000,000. The default value is 2,048.
    /// </summary>
    public int SampledCoalitions { get; set; } = KernelShapConstants.DefaultSampledCoalitions;

    /// <summary>
    /// Gets or sets the seed of the coalition sampling: the same seed, model and rows give the same attributions.
    /// The default value is 0.
    /// </summary>
    public int Seed { get; set; } = KernelShapConstants.DefaultSeed;

    internal void Validate()
    {
        var errors = new List<string>();
        if (MaxExactFeatures is < 0 or > KernelShapConstants.MaxExactFeatures)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"KernelShapOptions.MaxExactFeatures must be between 0 and {KernelShapConstants.MaxExactFeatures}; it is {MaxExactFeatures}."));
        }

        if (SampledCoalitions is < KernelShapConstants.MinSampledCoalitions or > KernelShapConstants.MaxSampledCoalitions)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"KernelShapOptions.SampledCoalitions must be between {KernelShapConstants.MinSampledCoalitions} and {KernelShapConstants.MaxSampledCoalitions:N0}; it is {SampledCoalitions}."));
        }

        ExplainerArguments.ThrowIfAny(errors, "options");
    }
}
