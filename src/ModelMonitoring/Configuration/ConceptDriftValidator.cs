using ModelMonitoring.ConceptDrift;

namespace ModelMonitoring.Configuration;

/// <summary>Checks a model's <see cref="ConceptDriftOptions"/>; part of <see cref="ModelMonitoringOptionsValidator"/>, so every error is reported together.</summary>
internal static class ConceptDriftValidator
{
    public static void Validate(string at, ConceptDriftOptions options, List<string> errors)
    {
        if (options.Metric is not null && RealizedMetricDirection.Of(options.Metric) is null)
        {
            errors.Add($"{at}.Metric: '{options.Metric}' is not allowed; use a realized metric that is better higher or lower: {RealizedMetricDirection.Allowed}; or leave it unset for realized.accuracy, else realized.mae.");
        }

        if (!Enum.IsDefined(options.Reference))
        {
            errors.Add($"{at}.Reference: '{options.Reference}' is not allowed; use one of {string.Join(", ", Enum.GetNames<ConceptDriftReference>())}.");
        }

        ValidateReference(at, options, errors);
        CheckRange(errors, at, nameof(options.CurrentWindows), options.CurrentWindows, 2, ConceptDriftConstants.MaxWindows);
        var maxMin = options.Reference == ConceptDriftReference.Fixed ? options.CurrentWindows : Math.Min(options.CurrentWindows, options.ReferenceWindows);
        if (options.MinWindows < 2 || options.MinWindows > Math.Max(2, maxMin))
        {
            errors.Add($"{at}.MinWindows: {options.MinWindows} is not allowed; use a value from 2 to {Math.Max(2, maxMin):N0} (at most CurrentWindows{(options.Reference == ConceptDriftReference.Fixed ? string.Empty : " and ReferenceWindows")}).");
        }

        if (!(options.Alpha > 0 && options.Alpha <= ConceptDriftConstants.MaxAlpha))
        {
            errors.Add($"{at}.Alpha: {options.Alpha} is not allowed; use a significance level above 0 and at most 0.5, such as 0.05.");
        }

        if (!(options.MinDegradationPercent >= 0 && options.MinDegradationPercent <= ConceptDriftConstants.MaxDegradationPercent))
        {
            errors.Add($"{at}.MinDegradationPercent: {options.MinDegradationPercent} is not allowed; use a percentage from 0 to 10,000, such as 5.");
        }

        if (!(options.CriticalDegradationPercent >= options.MinDegradationPercent && options.CriticalDegradationPercent <= ConceptDriftConstants.MaxDegradationPercent))
        {
            errors.Add($"{at}.CriticalDegradationPercent: {options.CriticalDegradationPercent} is not allowed; use a percentage from MinDegradationPercent ({options.MinDegradationPercent}) to 10,000.");
        }

        if (options.Interval < ConceptDriftConstants.MinInterval || options.Interval > ConceptDriftConstants.MaxInterval)
        {
            errors.Add($"{at}.Interval: {options.Interval} is not allowed; use a duration from 1 second to 1 day.");
        }
    }

    /// <summary>Concept drift reads realized performance, so it cannot run with that off.</summary>
    public static void ValidateRealizedPerformance(ModelMonitoringOptions options, List<string> errors)
    {
        var models = options.Models.Where(m => m.ConceptDriftMonitoring is not null).Select(m => m.Name).ToArray();
        if (models.Length > 0 && !options.RealizedPerformance.Enabled)
        {
            errors.Add($"ModelMonitoringOptions.RealizedPerformance.Enabled: false is not allowed while concept drift is checked (models {string.Join(", ", models)}); concept drift compares realized performance, so turn it on or remove ConceptDrift.");
        }
    }

    private static void ValidateReference(string at, ConceptDriftOptions options, List<string> errors)
    {
        if (options.Reference == ConceptDriftReference.Fixed)
        {
            if (options.ReferenceFrom is not { } from || options.ReferenceTo is not { } to)
            {
                errors.Add($"{at}.ReferenceFrom: a Fixed reference needs both ReferenceFrom and ReferenceTo.");
            }
            else if (from >= to)
            {
                errors.Add($"{at}.ReferenceTo: {to:O} is not allowed; use an instant after ReferenceFrom ({from:O}).");
            }
        }
        else
        {
            if (options.ReferenceFrom is not null || options.ReferenceTo is not null)
            {
                errors.Add($"{at}.ReferenceFrom: ReferenceFrom and ReferenceTo apply only to Reference Fixed, not {options.Reference}; remove them or set Reference to Fixed.");
            }

            CheckRange(errors, at, nameof(options.ReferenceWindows), options.ReferenceWindows, 2, ConceptDriftConstants.MaxWindows);
        }
    }

    private static void CheckRange(List<string> errors, string at, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{at}.{setting}: {value} is not allowed; use a value from {min:N0} to {max:N0}.");
        }
    }
}
