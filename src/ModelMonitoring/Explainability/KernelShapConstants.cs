namespace ModelMonitoring.Explainability;

/// <summary>Defaults and ranges of <see cref="KernelShapOptions"/>.</summary>
internal static class KernelShapConstants
{
    public const int DefaultMaxExactFeatures = 12;
    public const int MaxExactFeatures = 20;
    public const int DefaultSampledCoalitions = 2_048;
    public const int MinSampledCoalitions = 2;
    public const int MaxSampledCoalitions = 1_000_000;
    public const int DefaultSeed = 0;
    public const int MaxBackgroundRows = 100_000;
}
