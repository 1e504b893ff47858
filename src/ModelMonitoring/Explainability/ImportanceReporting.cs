using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Explainability;

/// <summary>Stores an importance comparison as metrics and turns it into alert observations.</summary>
internal static class ImportanceReporting
{
    /// <summary>Adds <c>{prefix}spearman</c>, <c>kendall</c>, <c>top_k_overlap</c> and per feature <c>rank_change</c> and <c>relative_change</c>.</summary>
    public static void AddMetrics(string prefix, ImportanceDriftResult result, DateTimeOffset at, DateTimeOffset? windowStart, ArrayBuilder<MetricRecord> metrics)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["reference"] = result.Reference, ["current"] = result.Current };
        Add(prefix + "spearman", result.Spearman);
        Add(prefix + "kendall", result.Kendall);
        Add(prefix + "top_k_overlap", result.TopKOverlap);
        foreach (var feature in result.Features)
        {
            Add($"{prefix}{feature.Feature}.rank_change", feature.RankChange);
            if (feature.RelativeChange is { } relative)
            {
                Add($"{prefix}{feature.Feature}.relative_change", relative);
            }
        }

        void Add(string name, double value) =>
            metrics.Add(new MetricRecord { Name = name, Value = value, Timestamp = at, WindowStart = windowStart, Metadata = metadata });
    }

    /// <summary>Adds one metric per feature: an importance vector in feature order.</summary>
    public static void AddImportances(string prefix, IReadOnlyList<string> features, ReadOnlySpan<double> importances, IReadOnlyDictionary<string, string> metadata, DateTimeOffset at, DateTimeOffset? windowStart, ArrayBuilder<MetricRecord> metrics)
    {
        for (var i = 0; i < features.Count; i++)
        {
            metrics.Add(new MetricRecord { Name = prefix + features[i], Value = importances[i], Timestamp = at, WindowStart = windowStart, Metadata = metadata });
        }
    }

    public static void Alert(ConditionAlerts alerts, string correlationAlert, string topKAlert, ModelSchema model, ImportanceDriftResult result, double minRankCorrelation, DateTimeOffset at, List<Alert> observations)
    {
        var what = result.Kind == "versions" ? $"version {result.Reference} to {result.Current}" : $"the reference window ({result.Reference}) to the window of {result.Current}";
        var severity = result.Spearman <= 0 ? AlertSeverity.Critical : AlertSeverity.Warning;
        alerts.Update(correlationAlert, result.RankCorrelationLow, severity, result.Spearman, minRankCorrelation, at, Format(
            $"{model.Name}: feature importance ranking from {what}: Spearman {result.Spearman:0.###}, Kendall {result.Kendall:0.###} (drift below {minRankCorrelation:0.###}); {Moves(result)}."), observations);
        alerts.Update(topKAlert, result.TopKChanged, AlertSeverity.Warning, result.TopKOverlap, result.TopK, at, Format(
            $"{model.Name}: top {result.TopK} features from {what}: {Top(result, current: false)} -> {Top(result, current: true)} ({result.TopKOverlap} of {result.TopK} kept)."), observations);
    }

    private static string Top(ImportanceDriftResult result, bool current) => string.Join(", ", result.Features
        .Where(f => (current ? f.CurrentRank : f.ReferenceRank) <= result.TopK)
        .OrderBy(f => current ? f.CurrentRank : f.ReferenceRank)
        .Select(f => f.Feature));

    private static string Moves(ImportanceDriftResult result)
    {
        var moved = result.Features.Where(f => f.RankChange != 0).OrderByDescending(f => Math.Abs(f.RankChange)).Take(5).ToList();
        return moved.Count == 0 ? "no feature changed rank" : string.Join(", ", moved.Select(f => Format($"{f.Feature} rank {f.ReferenceRank} -> {f.CurrentRank}")));
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
