namespace ModelMonitoring.Performance;

/// <summary>Defaults and ranges of <see cref="RealizedPerformanceOptions"/>.</summary>
internal static class RealizedPerformanceConstants
{
    public const int DefaultMaxSegments = 20;
    public const int MaxSegments = 1_000;
    public const int DefaultMaxWindowsPerCycle = 16;
    public const int MaxWindowsPerCycle = 1_000;
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(366);
    public static readonly TimeSpan DefaultLabelDelay = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxLabelDelay = TimeSpan.FromDays(1);
}
