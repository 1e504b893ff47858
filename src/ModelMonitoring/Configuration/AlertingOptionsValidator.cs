using System.Globalization;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Configuration;

/// <summary>Checks <see cref="AlertingOptions"/>; part of <see cref="ModelMonitoringOptionsValidator"/>, so every error is reported together.</summary>
internal static class AlertingOptionsValidator
{
    private const string Prefix = "ModelMonitoringOptions.Alerting";

    public static void Validate(AlertingOptions options, IReadOnlyList<ModelOptions> models, List<string> errors)
    {
        CheckPositive(errors, "RepeatInterval", options.RepeatInterval);
        CheckPositive(errors, "Suppression.Window", options.Suppression.Window);
        CheckRange(errors, "Suppression.MaxNotifications", options.Suppression.MaxNotifications, 0, 1_000_000);
        CheckRange(errors, "ChannelQueueCapacity", options.ChannelQueueCapacity, 1, 1_000_000);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            ValidateRule(options.Rules[i], $"{Prefix}.Rules[{i}]", models, names, errors);
        }

        ValidateEscalation("Escalation", options.Escalation, errors);

        foreach (var (pattern, policy) in options.Policies)
        {
            ValidatePolicy(pattern, policy, errors);
        }

        for (var i = 0; i < options.Silences.Count; i++)
        {
            if (options.Silences[i].EndsAt <= options.Silences[i].StartsAt)
            {
                errors.Add($"{Prefix}.Silences[{i}]: EndsAt must be later than StartsAt.");
            }
        }

        foreach (var (severity, channels) in options.Routes)
        {
            if (!Enum.IsDefined(severity))
            {
                errors.Add($"{Prefix}.Routes: '{severity}' is not a severity; use Info, Warning or Critical.");
            }
            else if (channels is null || channels.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{Prefix}.Routes[{severity}]: channel names must not be empty.");
            }
        }
    }

    private static void ValidateEscalation(string setting, IList<EscalationLevel> levels, List<string> errors)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            if (level is null)
            {
                errors.Add($"{Prefix}.{setting}[{i}]: an escalation level must not be null.");
                continue;
            }

            CheckPositive(errors, $"{setting}[{i}].After", level.After);
            if (level.Channels.Count == 0 || level.Channels.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{Prefix}.{setting}[{i}].Channels: name at least one channel, and no empty names.");
            }
        }
    }

    /// <summary>A pattern is an alert name, or a prefix ending in the one <c>*</c>; a policy caps at least one notification.</summary>
    private static void ValidatePolicy(string pattern, AlertPolicy? policy, List<string> errors)
    {
        var setting = $"Policies[{pattern}]";
        if (string.IsNullOrWhiteSpace(pattern) || pattern.AsSpan(0, pattern.Length - 1).Contains('*') || pattern.Any(char.IsControl))
        {
            errors.Add($"{Prefix}.{setting}: '{pattern}' is not an alert name pattern; use an alert name (model_failure) or a prefix ending in one '*' (drift.*).");
        }

        if (policy is null)
        {
            errors.Add($"{Prefix}.{setting}: the policy must not be null.");
            return;
        }

        if (policy.Suppression is { } suppression)
        {
            CheckRange(errors, $"{setting}.Suppression.MaxNotifications", suppression.MaxNotifications, 1, 1_000_000);
            CheckPositive(errors, $"{setting}.Suppression.Window", suppression.Window);
        }

        if (policy.Escalation is { } escalation)
        {
            ValidateEscalation($"{setting}.Escalation", escalation, errors);
        }
    }

    /// <summary>Checks one rule; rules added at run time are checked here too (see <see cref="AlertRuleRegistry"/>), so both refuse the same rules.</summary>
    internal static void ValidateRule(AlertRule rule, string setting, IReadOnlyList<ModelOptions> models, HashSet<string> names, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            errors.Add($"{setting}.Name: every rule needs a name.");
        }
        else if (!names.Add(rule.Name))
        {
            errors.Add($"{setting}.Name: the rule name '{rule.Name}' is used twice; rule names must be unique.");
        }
        else if (rule.Name.StartsWith("threshold.", StringComparison.Ordinal) || rule.Name.StartsWith(AlertRuleConstants.DriftPrefix, StringComparison.Ordinal)
            || rule.Name.StartsWith(AlertRuleConstants.ConceptPrefix, StringComparison.Ordinal))
        {
            errors.Add($"{setting}.Name: '{rule.Name}' is not allowed; names starting with 'threshold.', 'drift.' or 'concept.' are reserved for built-in alerts.");
        }
        else if (rule.Name.StartsWith(Estimation.EstimatedMetricNames.Prefix, StringComparison.Ordinal))
        {
            errors.Add($"{setting}.Name: '{rule.Name}' is not allowed; names starting with 'estimated.' are reserved for the alerts of performance estimation.");
        }

        if (rule.Model is not null && !models.Any(m => m.Name == rule.Model))
        {
            errors.Add($"{setting}.Model: '{rule.Model}' is not a declared model; use one of: {string.Join(", ", models.Select(m => m.Name))}, or leave it empty for every model.");
        }

        if (rule.For < TimeSpan.Zero || rule.For == Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{setting}.For: {rule.For} is not allowed; use zero or a positive, finite duration.");
        }

        if (string.IsNullOrWhiteSpace(rule.Metric))
        {
            errors.Add($"{setting}.Metric: name a window metric (such as error_rate) or a drift signal (drift.dataset, drift.<feature>, drift.*).");
            return;
        }

        if (rule.IsDriftRule)
        {
            if (rule.Aggregation != MetricAggregation.Mean)
            {
                errors.Add($"{setting}.Aggregation: drift rules take no aggregation; leave it at Mean.");
            }

            return;
        }

        if (!AlertRuleConstants.Operators.Contains(rule.Operator, StringComparer.Ordinal))
        {
            errors.Add($"{setting}.Operator: '{rule.Operator}' is not allowed; use one of {string.Join(", ", AlertRuleConstants.Operators)}.");
        }

        if (rule.Value is not { } value || !double.IsFinite(value))
        {
            errors.Add($"{setting}.Value: a metric rule needs a finite limit to compare with.");
        }

        if (!Enum.IsDefined(rule.Subject))
        {
            errors.Add($"{setting}.Subject: '{rule.Subject}' is not allowed; use Value, ChangeFromBaseline or AbsoluteChangeFromBaseline.");
        }

        if (rule.BaselineWindows is < 1 or > 10_000)
        {
            errors.Add($"{setting}.BaselineWindows: {rule.BaselineWindows} is not allowed; use a value from 1 to 10,000.");
        }

        ValidateMetric(rule, setting, models, errors);
    }

    /// <summary>A rule on a metric no model in its scope produces would never fire: refuse it, naming what is allowed.</summary>
    private static void ValidateMetric(AlertRule rule, string setting, IReadOnlyList<ModelOptions> models, List<string> errors)
    {
        var scope = models.Where(m => rule.AppliesTo(m.Name, m.ModelEnvironment)).ToList();
        if (WindowMetricNames.QualityFeatureOf(rule.Metric) is not null && scope.Count > 0 && !scope.Any(m => ModelValidator.Produces(m, rule.Metric)))
        {
            errors.Add($"{setting}.Metric: rule '{rule.Name}' names '{rule.Metric}', which no model it applies to produces; use {ModelValidator.QualityMetricsHelp}.");
            return;
        }

        if (WindowMetricNames.IsWindowMetric(rule.Metric) || (rule.Model is not null && scope.Count == 0))
        {
            // Built-in metrics exist for every model; an undeclared Model is reported on its own.
            ModelValidator.ValidateAggregation(setting, rule.Metric, rule.Aggregation, errors);
            return;
        }

        if (scope.Any(m => m.CustomMetricNames.Contains(rule.Metric, StringComparer.Ordinal)))
        {
            ModelValidator.ValidateAggregation(setting, rule.Metric, rule.Aggregation, errors);
            return;
        }

        var custom = scope.SelectMany(m => m.CustomMetricNames).Distinct(StringComparer.Ordinal).ToList();
        var declared = custom.Count == 0 ? "no model in its scope declares custom metrics" : $"custom metrics declared in its scope: {string.Join(", ", custom)}";
        var target = rule.Model is null ? "each model it should watch" : $"model '{rule.Model}'";
        errors.Add(
            $"{setting}.Metric: rule '{rule.Name}' names '{rule.Metric}', which is not a window metric, a drift signal or a custom metric of a model it applies to, so it could never fire. " +
            $"Use one of {string.Join(", ", WindowMetricNames.All)}, class_share.<label>, drift.dataset, drift.<feature>, drift.* " +
            $"({declared}); or, for values recorded with RecordMetric(\"{rule.Metric}\", …), declare it with ModelOptions.CustomMetrics(\"{rule.Metric}\") on {target}.");
    }

    private static void CheckPositive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{Prefix}.{setting}: {value} is not allowed; use a positive, finite duration.");
        }
    }

    private static void CheckRange(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{setting}: {value} is not allowed; use a value from {min:N0} to {max:N0}."));
        }
    }
}
