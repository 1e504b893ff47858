using Microsoft.Extensions.Options;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Configuration;

/// <summary>Checks every setting and reports all problems together, each naming the setting and what is allowed.</summary>
internal sealed class ModelMonitoringOptionsValidator : IValidateOptions<ModelMonitoringOptions>
{
    internal const int MaxBufferCapacity = 1 << 24;
    internal const int MaxReplicaNameLength = 128;

    public ValidateOptionsResult Validate(string? name, ModelMonitoringOptions options)
    {
        var errors = new List<string>(options.ConfigurationErrors);
        CheckRange(errors, nameof(options.BufferCapacity), options.BufferCapacity, 16, MaxBufferCapacity);
        CheckRange(errors, nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 1_000_000);
        CheckRange(errors, nameof(options.SinkRetryCount), options.SinkRetryCount, 0, 100);
        CheckRange(errors, nameof(options.LabelJoinCapacity), options.LabelJoinCapacity, 0, 10_000_000);
        CheckPositive(errors, nameof(options.FlushInterval), options.FlushInterval);
        CheckPositive(errors, nameof(options.FlushTimeout), options.FlushTimeout);
        CheckPositive(errors, nameof(options.ShutdownTimeout), options.ShutdownTimeout);
        CheckPositive(errors, nameof(options.SinkTimeout), options.SinkTimeout);
        CheckPositive(errors, nameof(options.SinkRetryDelay), options.SinkRetryDelay);
        CheckPositive(errors, nameof(options.AggregationWindow), options.AggregationWindow);
        CheckPositive(errors, nameof(options.AlertTimeout), options.AlertTimeout);
        if (options.TimestampResolution < TimeSpan.FromMilliseconds(1) || options.TimestampResolution > TimeSpan.FromSeconds(1))
        {
            errors.Add($"ModelMonitoringOptions.TimestampResolution: {options.TimestampResolution} is not allowed; use a duration from 1 millisecond to 1 second.");
        }

        CheckDuration(errors, nameof(options.MaxClockSkew), options.MaxClockSkew, TimeSpan.Zero, AcceptedRanges.MaxMaxClockSkew, "from zero to 1 day");
        CheckDuration(errors, nameof(options.MaxLateness), options.MaxLateness, TimeSpan.Zero, AcceptedRanges.MaxMaxLateness, "from zero to 36,500 days");
        CheckDuration(errors, nameof(options.MaxLatency), options.MaxLatency, TimeSpan.FromMilliseconds(1), AcceptedRanges.MaxMaxLatency, "from 1 millisecond to 365 days");
        if (string.IsNullOrWhiteSpace(options.ReplicaName) || options.ReplicaName.Length > MaxReplicaNameLength || options.ReplicaName.Any(char.IsControl))
        {
            errors.Add($"ModelMonitoringOptions.ReplicaName: '{options.ReplicaName}' is not allowed; use a name of 1 to {MaxReplicaNameLength} characters, not only white space, without control characters.");
        }

        if (options.Models.Count == 0)
        {
            errors.Add("ModelMonitoringOptions.Models: no model is declared; call AddModel(\"name\", ...) at least once, or declare models under Models in the section given to AddModelMonitoring(configuration) (Configure<ModelMonitoringOptions>(section) cannot bind models).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in options.Models)
        {
            if (!seen.Add(model.Name ?? string.Empty))
            {
                errors.Add($"ModelMonitoringOptions.Models: the model '{model.Name}' is declared more than once; model names must be unique.");
            }

            ModelValidator.Validate(model, options.Limits.MaxLabelLength, errors);
            if (options.FleetWindows && model.PerformanceEstimation is not null)
            {
                // Replicas' window partials carry no predictions, so the leader could not estimate: refuse rather than stay silent.
                errors.Add($"ModelMonitoringOptions.Models['{model.Name}'].PerformanceEstimation: performance estimation does not run on fleet windows yet; turn FleetWindows off or do not call EstimatePerformance for this model.");
            }
        }

        AlertingOptionsValidator.Validate(options.Alerting, options.Models, errors);
        RecordingLimitsValidator.Validate(options.Limits, errors);
        RealizedPerformanceValidator.Validate(options.RealizedPerformance, options.AggregationWindow, errors);
        ConceptDriftValidator.ValidateRealizedPerformance(options, errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRange(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"ModelMonitoringOptions.{setting}: {value} is not allowed; use a value from {min:N0} to {max:N0}.");
        }
    }

    private static void CheckDuration(List<string> errors, string setting, TimeSpan value, TimeSpan min, TimeSpan max, string allowed)
    {
        if (value < min || value > max)
        {
            errors.Add($"ModelMonitoringOptions.{setting}: {value} is not allowed; use a duration {allowed}.");
        }
    }

    private static void CheckPositive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            errors.Add($"ModelMonitoringOptions.{setting}: {value} is not allowed; use a positive, finite duration.");
        }
    }
}
