using System.Globalization;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Estimation;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Health.Internal;

/// <summary>
/// Scores one model's closed windows (formula in <c>docs/health.md</c>) and keeps what the score needs between
/// windows: the learned latency and performance baselines and the latest drift check. Runs on the worker thread only.
/// </summary>
internal sealed class HealthScorer(string model, HealthOptions options)
{
    private const string StatusKey = "status";
    private const string ReasonPrefix = "reason.";

    // A learned baseline is stored in the metadata of every score (baseline.latency_p95_ms, baseline.accuracy, ...), so
    // that a restarted process, or another fleet leader, goes on with it instead of learning it again from whatever
    // windows follow the restart, which after a bad deployment would be the regression itself.
    private const string BaselinePrefix = "baseline.";
    private readonly List<double> _latencyBaseline = [];
    private readonly Dictionary<string, (double Sum, int Count)> _performanceBaseline = new(StringComparer.Ordinal);
    private double? _learnedLatency;

    public HealthOptions Options => options;

    /// <summary>Gets or sets whether the stored baselines were looked for (once per process, by the worker).</summary>
    public bool BaselinesRestored { get; set; }

    /// <summary>Gets or sets the model's open critical and warning alerts as last counted (kept when the alert manager was busy).</summary>
    public (int Critical, int Warning) OpenAlerts { get; set; }

    /// <summary>Gets the drifted and tested feature counts of the latest drift check seen.</summary>
    public (int Drifted, int Checked) LatestDrift { get; private set; }

    /// <summary>Remembers the model's latest drift check.</summary>
    public void ObserveDrift(DriftCheckRecord latest) => LatestDrift = (latest.Features.Count(f => f.Drifted), latest.Features.Count);

    /// <summary>Gets the model's latest check of a cycle's drift checks (the last that is the model's), or null.</summary>
    public static DriftCheckRecord? LatestOf(IReadOnlyList<DriftCheckRecord> checks, string model)
    {
        for (var i = checks.Count - 1; i >= 0; i--)
        {
            if (string.Equals(checks[i].Model, model, StringComparison.Ordinal))
            {
                return checks[i];
            }
        }

        return null;
    }

    /// <summary>Scores one window from its metric values and records the baselines it teaches.</summary>
    public ModelHealth Score(IReadOnlyDictionary<string, double> values, DateTimeOffset start, DateTimeOffset end, HealthInputs inputs)
    {
        var reasons = new List<HealthReason>(6);
        var errorRate = values.GetValueOrDefault(WindowMetricNames.ErrorRate);
        var errorCritical = false;
        if (values.ContainsKey(WindowMetricNames.ErrorRate))
        {
            var penalty = Linear(errorRate, options.ErrorRateWarning, options.ErrorRateCritical, options.ErrorRateWeight);
            errorCritical = errorRate >= options.ErrorRateCritical;
            Add(reasons, HealthComponent.ErrorRate, penalty, $"error rate {Percent(errorRate)} (warning {Percent(options.ErrorRateWarning)}, critical {Percent(options.ErrorRateCritical)})");
        }

        ScoreLatency(values, reasons);
        ScorePerformance(values, reasons);

        if (inputs.DriftedFeatures > 0 && inputs.CheckedFeatures > 0)
        {
            var share = (double)inputs.DriftedFeatures / inputs.CheckedFeatures;
            var penalty = options.DriftWeight * Math.Clamp(share / options.DriftShareCritical, 0, 1);
            Add(reasons, HealthComponent.Drift, penalty, $"{inputs.DriftedFeatures} of {inputs.CheckedFeatures} features drifted in the latest drift check ({Percent(share)}; critical {Percent(options.DriftShareCritical)})");
        }

        ScoreQuality(values, reasons);

        if (inputs.CriticalAlerts + inputs.WarningAlerts > 0)
        {
            var penalty = Math.Min(options.AlertsWeight, (inputs.CriticalAlerts * options.CriticalAlertPenalty) + (inputs.WarningAlerts * options.WarningAlertPenalty));
            Add(reasons, HealthComponent.Alerts, penalty, string.Create(CultureInfo.InvariantCulture, $"{inputs.CriticalAlerts} critical and {inputs.WarningAlerts} warning alerts open"));
        }

        reasons.Sort(ByPenalty);
        var score = Math.Clamp(100 - reasons.Sum(r => r.Penalty), 0, 100);
        var status = errorCritical || score < options.DegradedAtLeast ? ModelHealthStatus.Unhealthy
            : score < options.HealthyAtLeast ? ModelHealthStatus.Degraded
            : ModelHealthStatus.Healthy;
        return new ModelHealth(model, start, end, score, status, reasons);
    }

    private void ScoreLatency(IReadOnlyDictionary<string, double> values, List<HealthReason> reasons)
    {
        if (!values.TryGetValue(WindowMetricNames.LatencyP95, out var p95) || !double.IsFinite(p95))
        {
            return;
        }

        double baseline;
        if (options.LatencyBaseline is { } configured)
        {
            baseline = configured.TotalMilliseconds;
        }
        else if (_learnedLatency is { } learned)
        {
            baseline = learned;
        }
        else
        {
            // Still learning: this window teaches the baseline and is not judged against it.
            _latencyBaseline.Add(p95);
            if (_latencyBaseline.Count >= options.LatencyBaselineWindows)
            {
                _learnedLatency = Median(_latencyBaseline);
            }

            return;
        }

        if (baseline <= 0)
        {
            return;
        }

        var ratio = p95 / baseline;
        var penalty = Linear(ratio, options.LatencyRatioWarning, options.LatencyRatioCritical, options.LatencyWeight);
        Add(reasons, HealthComponent.Latency, penalty, string.Create(CultureInfo.InvariantCulture,
            $"p95 latency {p95:0.###} ms is {ratio:0.00}x the baseline {baseline:0.###} ms (warning {options.LatencyRatioWarning:0.##}x, critical {options.LatencyRatioCritical:0.##}x)"));
    }

    private void ScorePerformance(IReadOnlyDictionary<string, double> values, List<HealthReason> reasons)
    {
        // Realized accuracy or error first, the label-free estimate only when the window has no labels.
        string metric;
        bool higherIsBetter;
        if (values.ContainsKey(WindowMetricNames.Accuracy))
        {
            (metric, higherIsBetter) = (WindowMetricNames.Accuracy, true);
        }
        else if (values.ContainsKey(WindowMetricNames.MeanAbsoluteError))
        {
            (metric, higherIsBetter) = (WindowMetricNames.MeanAbsoluteError, false);
        }
        else if (values.ContainsKey(EstimatedMetricNames.Accuracy))
        {
            (metric, higherIsBetter) = (EstimatedMetricNames.Accuracy, true);
        }
        else
        {
            return;
        }

        var value = values[metric];
        if (!double.IsFinite(value))
        {
            return;
        }

        double baseline;
        if (options.PerformanceBaseline is { } configured)
        {
            baseline = configured;
        }
        else
        {
            var (sum, count) = _performanceBaseline.GetValueOrDefault(metric);
            if (count < options.LatencyBaselineWindows)
            {
                _performanceBaseline[metric] = (sum + value, count + 1);
                return;
            }

            baseline = sum / count;
        }

        if (baseline <= 0)
        {
            return;
        }

        var loss = higherIsBetter ? (baseline - value) / baseline : (value - baseline) / baseline;
        var penalty = Linear(loss, options.PerformanceDropWarning, options.PerformanceDropCritical, options.PerformanceWeight);
        var label = metric switch
        {
            WindowMetricNames.Accuracy => "accuracy",
            WindowMetricNames.MeanAbsoluteError => "mean absolute error",
            _ => "estimated accuracy",
        };
        var direction = higherIsBetter ? "below" : "above";
        Add(reasons, HealthComponent.Performance, penalty, string.Create(CultureInfo.InvariantCulture,
            $"{label} {value:0.####} is {Percent(Math.Max(loss, 0))} {direction} the baseline {baseline:0.####} (warning {Percent(options.PerformanceDropWarning)}, critical {Percent(options.PerformanceDropCritical)})"));
    }

    private void ScoreQuality(IReadOnlyDictionary<string, double> values, List<HealthReason> reasons)
    {
        string? worstName = null;
        var worst = 0.0;
        foreach (var (name, value) in values)
        {
            if (name.StartsWith(WindowMetricNames.QualityPrefix, StringComparison.Ordinal)
                && !name.EndsWith(WindowMetricNames.ConstantSuffix, StringComparison.Ordinal)
                && value > 0
                && (value > worst || (value == worst && string.CompareOrdinal(name, worstName) < 0)))
            {
                (worst, worstName) = (value, name);
            }
        }

        if (worstName is null)
        {
            return;
        }

        var penalty = Linear(worst, options.QualityShareWarning, options.QualityShareCritical, options.QualityWeight);
        var measure = worstName[WindowMetricNames.QualityPrefix.Length..];
        Add(reasons, HealthComponent.DataQuality, penalty, $"{measure} {Percent(worst)} (warning {Percent(options.QualityShareWarning)}, critical {Percent(options.QualityShareCritical)})");
    }

    /// <summary>The weight times where <paramref name="value"/> lies between warning (nothing) and critical (everything).</summary>
    internal static double Linear(double value, double warning, double critical, double weight) =>
        !double.IsFinite(value) || value <= warning ? 0 : weight * Math.Clamp((value - warning) / (critical - warning), 0, 1);

    private static void Add(List<HealthReason> reasons, HealthComponent component, double penalty, string message)
    {
        if (penalty > 0)
        {
            reasons.Add(new HealthReason(component, penalty, message));
        }
    }

    /// <summary>Largest penalty first, then by component, so a stored health reads back in the order it was computed.</summary>
    private static int ByPenalty(HealthReason a, HealthReason b) => b.Penalty != a.Penalty ? b.Penalty.CompareTo(a.Penalty) : a.Component.CompareTo(b.Component);

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static double Median(List<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// Takes up the learned baselines stored in a score's metadata (<see cref="Emit"/>), in place of those this scorer has
    /// learned or is learning; a configured baseline is kept. Returns whether the metadata had any.
    /// </summary>
    public bool Restore(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return false;
        }

        var found = false;
        foreach (var (key, text) in metadata)
        {
            if (!key.StartsWith(BaselinePrefix, StringComparison.Ordinal)
                || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value))
            {
                continue;
            }

            var metric = key[BaselinePrefix.Length..];
            if (metric == WindowMetricNames.LatencyP95)
            {
                _learnedLatency = value;
                found = true;
            }
            else if (metric is WindowMetricNames.Accuracy or WindowMetricNames.MeanAbsoluteError or EstimatedMetricNames.Accuracy)
            {
                // As if learned from the usual number of windows: the sum over the count is the stored mean.
                var count = Math.Max(options.LatencyBaselineWindows, 1);
                _performanceBaseline[metric] = (value * count, count);
                found = true;
            }
        }

        return found;
    }

    /// <summary>Gets the baselines learned so far (configured ones are not), by the metric they are the baseline of.</summary>
    public IEnumerable<KeyValuePair<string, double>> LearnedBaselines()
    {
        if (options.LatencyBaseline is null && _learnedLatency is { } latency)
        {
            yield return new(WindowMetricNames.LatencyP95, latency);
        }

        if (options.PerformanceBaseline is null)
        {
            foreach (var (metric, (sum, count)) in _performanceBaseline)
            {
                if (count >= options.LatencyBaselineWindows)
                {
                    yield return new(metric, sum / count);
                }
            }
        }
    }

    /// <summary>
    /// The stored form: the score and the status as window metrics, the status, the reasons and the learned baselines
    /// (<see cref="LearnedBaselines"/>, when given) in the score's metadata.
    /// </summary>
    public static void Emit(ModelHealth health, Action<MetricRecord> add, IEnumerable<KeyValuePair<string, double>>? baselines = null)
    {
        var metadata = new Dictionary<string, string>(health.Reasons.Count + 1, StringComparer.Ordinal) { [StatusKey] = health.Status.ToString() };
        foreach (var reason in health.Reasons)
        {
            metadata[ReasonPrefix + reason.Component] = reason.Penalty.ToString("R", CultureInfo.InvariantCulture) + "|" + reason.Message;
        }

        foreach (var (metric, value) in baselines ?? [])
        {
            metadata[BaselinePrefix + metric] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        add(new MetricRecord { Name = HealthMetricNames.Score, Value = health.Score, Timestamp = health.WindowEnd, WindowStart = health.WindowStart, Metadata = metadata });
        add(new MetricRecord { Name = HealthMetricNames.Status, Value = (int)health.Status, Timestamp = health.WindowEnd, WindowStart = health.WindowStart });
    }

    /// <summary>Rebuilds a window's health from its stored <see cref="HealthMetricNames.Score"/> metric; <see langword="null"/> when it is not one.</summary>
    public static ModelHealth? Read(string model, MetricRecord score)
    {
        if (score.WindowStart is not { } start || !double.IsFinite(score.Value))
        {
            return null;
        }

        var metadata = score.Metadata;
        var status = metadata is not null && metadata.TryGetValue(StatusKey, out var text) && Enum.TryParse<ModelHealthStatus>(text, out var parsed)
            ? parsed
            : ModelHealthStatus.Healthy;
        var reasons = new List<HealthReason>();
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                var separator = value.IndexOf('|', StringComparison.Ordinal);
                if (key.StartsWith(ReasonPrefix, StringComparison.Ordinal)
                    && Enum.TryParse<HealthComponent>(key.AsSpan(ReasonPrefix.Length), out var component)
                    && separator > 0
                    && double.TryParse(value.AsSpan(0, separator), NumberStyles.Float, CultureInfo.InvariantCulture, out var penalty))
                {
                    reasons.Add(new HealthReason(component, penalty, value[(separator + 1)..]));
                }
            }
        }

        reasons.Sort(ByPenalty);
        return new ModelHealth(model, start, score.Timestamp, score.Value, status, reasons);
    }
}
