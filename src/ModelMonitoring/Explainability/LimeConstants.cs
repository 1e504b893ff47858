namespace ModelMonitoring.Explainability;

/// <summary>Defaults and ranges of <see cref="LimeOptions"/>.</summary>
internal static class LimeConstants
{
    public const int DefaultSamples = 5_000;
    public const int MinSamples = 2;
    public const int MaxSamples = 1_000_000;
    public const double DefaultKernelWidthPerSqrtFeature = 0.75;
    public const double DefaultRidgeAlpha = 1.0;
    public const int DefaultSeed = 0;
    public const int MaxTrainingRows = 1_000_000;
}
