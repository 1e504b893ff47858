using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Performance;

/// <summary>Turns one prediction window's labelled predictions into its realized performance, overall and per segment.</summary>
/// <remarks>
/// Scores: <see cref="Prediction.Confidence"/> is the probability of the predicted class, so with two classes the score of
/// the positive class (the greater in ordinal order, scikit-learn's default) is the confidence when it was predicted and
/// one minus the confidence otherwise.
/// </remarks>
internal static class WindowPerformance
{
    public static List<RealizedPerformance> Compute(
        IReadOnlyList<LabelledPrediction> rows, DateTimeOffset start, DateTimeOffset end, DateTimeOffset computedAt, int maxSegments, int maxClasses)
    {
        var results = new List<RealizedPerformance>();
        Add(results, rows, string.Empty, start, end, computedAt, maxClasses);
        if (maxSegments == 0)
        {
            return results;
        }

        var segments = rows.Where(r => r.Segment is not null).GroupBy(r => r.Segment!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var other = new List<LabelledPrediction>();
        for (var i = 0; i < segments.Count; i++)
        {
            if (i < maxSegments && !string.Equals(segments[i].Key, RecordingLimits.OtherValue, StringComparison.Ordinal))
            {
                Add(results, [.. segments[i]], segments[i].Key, start, end, computedAt, maxClasses);
            }
            else
            {
                other.AddRange(segments[i]);
            }
        }

        if (other.Count > 0)
        {
            Add(results, other, RecordingLimits.OtherValue, start, end, computedAt, maxClasses);
        }

        results.Sort(static (a, b) => string.CompareOrdinal(a.Segment, b.Segment));
        return results;
    }

    private static void Add(List<RealizedPerformance> results, IReadOnlyList<LabelledPrediction> rows, string segment, DateTimeOffset start, DateTimeOffset end, DateTimeOffset computedAt, int maxClasses)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        AddClassification(metrics, rows, maxClasses);
        AddRegression(metrics, rows);
        if (metrics.Count == 0)
        {
            return;
        }

        results.Add(new RealizedPerformance
        {
            WindowStart = start,
            WindowEnd = end,
            Segment = segment,
            LabelCount = rows.Count,
            ComputedAt = computedAt,
            Metrics = metrics,
        });
    }

    private static void AddClassification(Dictionary<string, double> metrics, IReadOnlyList<LabelledPrediction> rows, int maxClasses)
    {
        var actual = new List<string>();
        var predicted = new List<string>();
        var confidences = new List<double>();
        foreach (var row in rows)
        {
            if (row.ActualClass is { } a && row.PredictedClass is { } p)
            {
                actual.Add(a);
                predicted.Add(p);
                if (row.Confidence is { } c && !double.IsNaN(c))
                {
                    confidences.Add(c);
                }
            }
        }

        if (actual.Count == 0)
        {
            return;
        }

        var classes = actual.Concat(predicted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length > maxClasses)
        {
            // The per-class values and the confusion matrix grow with the square of the classes: beyond the cap only accuracy.
            var correct = 0;
            for (var i = 0; i < actual.Count; i++)
            {
                correct += string.Equals(actual[i], predicted[i], StringComparison.Ordinal) ? 1 : 0;
            }

            metrics[RealizedMetricNames.Accuracy] = (double)correct / actual.Count;
            return;
        }

        var scores = new List<double>(confidences.Count);
        if (classes.Length == 2 && confidences.Count == actual.Count)
        {
            for (var i = 0; i < predicted.Count; i++)
            {
                scores.Add(string.Equals(predicted[i], classes[1], StringComparison.Ordinal) ? confidences[i] : 1 - confidences[i]);
            }
        }

        var result = PerformanceCalculator.Classify(actual, predicted, scores);
        metrics[RealizedMetricNames.Accuracy] = result.Accuracy;
        metrics[RealizedMetricNames.PrecisionMacro] = result.PrecisionMacro;
        metrics[RealizedMetricNames.RecallMacro] = result.RecallMacro;
        metrics[RealizedMetricNames.F1Macro] = result.F1Macro;
        metrics[RealizedMetricNames.PrecisionWeighted] = result.PrecisionWeighted;
        metrics[RealizedMetricNames.RecallWeighted] = result.RecallWeighted;
        metrics[RealizedMetricNames.F1Weighted] = result.F1Weighted;
        if (result.RocAuc is { } auc)
        {
            metrics[RealizedMetricNames.RocAuc] = auc;
        }

        if (result.LogLoss is { } logLoss)
        {
            metrics[RealizedMetricNames.LogLoss] = logLoss;
        }

        for (var c = 0; c < result.Classes.Count; c++)
        {
            var name = result.Classes[c];
            metrics[RealizedMetricNames.Precision(name)] = result.Precision[c];
            metrics[RealizedMetricNames.Recall(name)] = result.Recall[c];
            metrics[RealizedMetricNames.F1(name)] = result.F1[c];
            metrics[RealizedMetricNames.Support(name)] = result.Support[c];
            for (var p = 0; p < result.Classes.Count; p++)
            {
                if (result.Confusion[c, p] != 0)
                {
                    metrics[RealizedMetricNames.Confusion(name, result.Classes[p])] = result.Confusion[c, p];
                }
            }
        }
    }

    private static void AddRegression(Dictionary<string, double> metrics, IReadOnlyList<LabelledPrediction> rows)
    {
        var actual = new List<double>();
        var predicted = new List<double>();
        foreach (var row in rows)
        {
            if (row.ActualValue is { } a && row.PredictedValue is { } p && double.IsFinite(a) && double.IsFinite(p))
            {
                actual.Add(a);
                predicted.Add(p);
            }
        }

        if (actual.Count == 0)
        {
            return;
        }

        var result = PerformanceCalculator.Regress(actual, predicted);
        metrics[RealizedMetricNames.MeanAbsoluteError] = result.MeanAbsoluteError;
        metrics[RealizedMetricNames.RootMeanSquaredError] = result.RootMeanSquaredError;
        metrics[RealizedMetricNames.MeanAbsolutePercentageError] = result.MeanAbsolutePercentageError;
        if (result.R2 is { } r2)
        {
            metrics[RealizedMetricNames.R2] = r2;
        }
    }
}
