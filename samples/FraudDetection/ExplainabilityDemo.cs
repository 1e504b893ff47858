using System.Globalization;
using ModelMonitoring;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace FraudDetection;

/// <summary>
/// Explanations in the fraud service: one prediction recorded with its attributions (the logistic model's logit
/// contributions, w_i (x_i - mean_i)), a LIME explanation recorded for it later, both looked up from the store; then the
/// global feature importances of version 1.4.0 and of a retrained 1.5.0 that leans on account age more than on the amount,
/// and the importance change the worker stored (and alerted on as <c>importance.versions.*</c>).
/// </summary>
internal static class ExplainabilityDemo
{
    private static readonly double[] Weights = [0.012, 0, -0.002, 0.9, 0];
    private static readonly double[] Means = [68, 40, 700, 1.2, 0];

    public static async Task RunAsync(IModelMonitoring monitoring, IMonitoringReader reader)
    {
        var monitor = monitoring.GetMonitor("fraud");
        double[] x = [250, 33, 120, 4];
        var attributions = new double[5];
        for (var i = 0; i < x.Length; i++)
        {
            attributions[i] = (Weights[i] * (x[i] - Means[i])) + 0.0; // + 0.0 turns -0 (a zero weight) into 0
        }

        var baseValue = -4.0 + (0.012 * Means[0]) - (0.002 * Means[2]) + (0.9 * Means[3]);
        var id = monitor.RecordPrediction(new Prediction
        {
            NumericFeatures = x,
            CategoricalFeatures = ["BR"],
            PredictedClass = "fraud",
            Confidence = FraudModel.Score(x),
            Attributions = attributions,
            AttributionBaseValue = baseValue,
        });
        monitor.RecordLimeExplanation(id, [0.011, 0.0004, -0.0019, 0.85, 0.02], intercept: -3.9, score: 0.93);

        // Global importances (mean |SHAP| from training) of the running version and of the retrained one.
        monitor.RecordFeatureImportance("1.4.0", new Dictionary<string, double> { ["amount"] = 1.9, ["age"] = 0.1, ["account_age_days"] = 0.8, ["tx_last_hour"] = 1.2, ["country"] = 0.2 });
        monitor.RecordFeatureImportance("1.5.0", new Dictionary<string, double> { ["amount"] = 0.7, ["age"] = 0.9, ["account_age_days"] = 1.6, ["tx_last_hour"] = 1.1, ["country"] = 0.3 });
        await monitoring.FlushAsync();

        Console.WriteLine();
        Console.WriteLine($"Explanation of prediction {id} (from the store):");
        if (await reader.GetExplanationAsync(id) is { } explanation)
        {
            Console.WriteLine($"  attributions (logit), base value {explanation.BaseValue:F3}: {Pairs(explanation.Features, explanation.Attributions!)}");
            Console.WriteLine($"  LIME weights, intercept {explanation.LimeIntercept:F2}, local R² {explanation.LimeScore:F2}: {Pairs(explanation.Features, explanation.LimeWeights!)}");
        }

        Console.WriteLine("Feature importance, version 1.4.0 -> 1.5.0 (stored as importance.versions.* metrics):");
        var metrics = await reader.GetRecentMetricsAsync("fraud", limit: 1_000);
        foreach (var name in new[] { "importance.versions.spearman", "importance.versions.kendall", "importance.versions.top_k_overlap" })
        {
            var metric = metrics.FirstOrDefault(m => m.Name == name);
            Console.WriteLine($"  {name,-36} {metric.Value.ToString("F3", CultureInfo.InvariantCulture)}");
        }

        var moves = metrics.Where(m => m.Name.StartsWith("importance.versions.", StringComparison.Ordinal) && m.Name.EndsWith(".rank_change", StringComparison.Ordinal));
        Console.WriteLine($"  rank changes (positive: more important): {string.Join(", ", moves.Select(m => $"{m.Name["importance.versions.".Length..^".rank_change".Length]} {m.Value:+0;-0;0}"))}");
    }

    private static string Pairs(IReadOnlyList<string> features, IReadOnlyList<double> values) =>
        string.Join(", ", features.Select((f, i) => string.Create(CultureInfo.InvariantCulture, $"{f} {values[i]:+0.000;-0.000}")));
}
