using ModelMonitoring.Performance;

namespace ModelMonitoring.Configuration;

/// <summary>Checks <see cref="RealizedPerformanceOptions"/>; part of <see cref="ModelMonitoringOptionsValidator"/>, so every error is reported together.</summary>
internal static class RealizedPerformanceValidator
{
    private const string Section = "ModelMonitoringOptions.RealizedPerformance";

    public static void Validate(RealizedPerformanceOptions options, TimeSpan aggregationWindow, List<string> errors)
    {
        CheckRange(errors, nameof(options.MaxSegments), options.MaxSegments, 0, RealizedPerformanceConstants.MaxSegments);
        CheckRange(errors, nameof(options.MaxWindowsPerCycle), options.MaxWindowsPerCycle, 1, RealizedPerformanceConstants.MaxWindowsPerCycle);
        CheckDuration(errors, nameof(options.Interval), options.Interval, RealizedPerformanceConstants.MinInterval, RealizedPerformanceConstants.MaxInterval, "from 1 second to 1 day");
        CheckDuration(errors, nameof(options.LabelDelay), options.LabelDelay, TimeSpan.Zero, RealizedPerformanceConstants.MaxLabelDelay, "from zero to 1 day");
        var minLookBack = aggregationWindow > TimeSpan.Zero ? aggregationWindow : TimeSpan.FromTicks(1);
        CheckDuration(errors, nameof(options.LookBack), options.LookBack, minLookBack, RealizedPerformanceConstants.MaxLookBack, $"from the aggregation window ({aggregationWindow}) to 366 days");
    }

    private static void CheckRange(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Section}.{setting}: {value} is not allowed; use a value from {min:N0} to {max:N0}.");
        }
    }

    private static void CheckDuration(List<string> errors, string setting, TimeSpan value, TimeSpan min, TimeSpan max, string allowed)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Section}.{setting}: {value} is not allowed; use a duration {allowed}.");
        }
    }
}
