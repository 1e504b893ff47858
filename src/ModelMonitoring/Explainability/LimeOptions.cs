using System.Globalization;

namespace ModelMonitoring.Explainability;

/// <summary>Settings of <see cref="LimeExplainer"/>; the defaults are those of LIME's <c>LimeTabularExplainer</c>.</summary>
public sealed class LimeOptions
{
    /// <summary>
    /// Gets or sets how many perturbed rows are evaluated per explanation (the first is the instance itself). Between 2
    /// and 1,000,000. The default value is 5,000.
    /// </summary>
    public int Samples { get; set; } = LimeConstants.DefaultSamples;

    /// <summary>
    /// Gets or sets the width of the exponential kernel that weights a perturbed row by its distance to the instance in
    /// standardized units, weight = sqrt(exp(-d² / width²)). Positive and finite. The default value is
    /// <see langword="null"/>, for 0.75 × sqrt(feature count).
    /// </summary>
    public double? KernelWidth { get; set; }

    /// <summary>
    /// Gets or sets the L2 penalty of the weighted ridge regression (scikit-learn's <c>Ridge(alpha)</c>); zero gives
    /// weighted least squares. Zero or more, finite. The default value is 1.
    /// </summary>
    public double RidgeAlpha { get; set; } = LimeConstants.DefaultRidgeAlpha;

    /// <summary>
    /// Gets or sets the seed of the perturbations: the same seed, model and rows give the same explanation. The default
    /// value is 0.
    /// </summary>
    public int Seed { get; set; } = LimeConstants.DefaultSeed;

    internal void Validate()
    {
        var errors = new List<string>();
        if (Samples is < LimeConstants.MinSamples or > LimeConstants.MaxSamples)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"LimeOptions.Samples must be between {LimeConstants.MinSamples} and {LimeConstants.MaxSamples:N0}; it is {Samples}."));
        }

        if (KernelWidth is { } width && !(double.IsFinite(width) && width > 0))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"LimeOptions.KernelWidth must be positive and finite, or null for 0.75 x sqrt(features); it is {width}."));
        }

        if (!(double.IsFinite(RidgeAlpha) && RidgeAlpha >= 0))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"LimeOptions.RidgeAlpha must be zero or more and finite; it is {RidgeAlpha}."));
        }

        ExplainerArguments.ThrowIfAny(errors, "options");
    }
}
