using ModelMonitoring.Recording;

namespace ModelMonitoring.Configuration;

/// <summary>Checks <see cref="RecordingLimits"/>; part of <see cref="ModelMonitoringOptionsValidator"/>, so every error is reported together.</summary>
internal static class RecordingLimitsValidator
{
    public static void Validate(RecordingLimits limits, List<string> errors)
    {
        CheckRange(errors, nameof(limits.MaxLabelLength), limits.MaxLabelLength, 1, 4_096);
        CheckRange(errors, nameof(limits.MaxTextLength), limits.MaxTextLength, 1, 65_536);
        CheckRange(errors, nameof(limits.MaxMetadataEntries), limits.MaxMetadataEntries, 0, 1_024);
        CheckRange(errors, nameof(limits.MaxHealthCheckIssues), limits.MaxHealthCheckIssues, 0, 1_024);
        CheckRange(errors, nameof(limits.MaxDistinctClassLabels), limits.MaxDistinctClassLabels, 1, 10_000);
        CheckRange(errors, nameof(limits.MaxDistinctCategoricalValues), limits.MaxDistinctCategoricalValues, 1, 100_000);
    }

    private static void CheckRange(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"ModelMonitoringOptions.Limits.{setting}: {value} is not allowed; use a value from {min:N0} to {max:N0}.");
        }
    }
}
