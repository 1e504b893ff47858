using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Performance;

/// <summary>Turns one prediction window's labelled predictions into its realized performance, overall and per segment.</summary>
/// <remarks>
/// Scores: <see cref="Prediction.Confidence"/> is the probability of the predicted class, so with two classes the score of
/// the positive class (the greater in ordinal order, scikit-learn's default) is the confidence when it was predicted and
/// one minus the confidence otherwise. A model that declares more than two classes (<see cref="ModelSchema.Classes"/>) and
/// records <see cref="Prediction.ClassProbabilities"/> gets ROC AUC (one-vs-rest, macro) and log loss from them when every
/// labelled prediction of the window has them and every label is one of the classes; with two classes, the probabilities
/// stand in for missing confidences.
/// </remarks>
internal static class WindowPerformance
{
    public static List<RealizedPerformance> Compute(
        IReadOnlyList<LabelledPrediction> rows, DateTimeOffset start, DateTimeOffset end, DateTimeOffset computedAt, int maxSegments, int maxClasses, IReadOnlyList<string>? modelClasses = null)
    {
        var results = new List<RealizedPerformance>();
        var classes = modelClasses ?? [];
        Add(results, rows, string.Empty, start, end, computedAt, maxClasses, classes);
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
                Add(results, [.. segments[i]], segments[i].Key, start, end, computedAt, maxClasses, classes);
            }
            else
            {
                other.AddRange(segments[i]);
            }
        }

        if (other.Count > 0)
        {
            Add(results, other, RecordingLimits.OtherValue, start, end, computedAt, maxClasses, classes);
        }

        results.Sort(static (a, b) => string.CompareOrdinal(a.Segment, b.Segment));
        return results;
    }

    private static void Add(List<RealizedPerformance> results, IReadOnlyList<LabelledPrediction> rows, string segment, DateTimeOffset start, DateTimeOffset end, DateTimeOffset computedAt, int maxClasses, IReadOnlyList<string> modelClasses)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        AddClassification(metrics, rows, maxClasses, modelClasses);
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

    private static void AddClassification(Dictionary<string, double> metrics, IReadOnlyList<LabelledPrediction> rows, int maxClasses, IReadOnlyList<string> modelClasses)
    {
        var actual = new List<string>();
        var predicted = new List<string>();
        var confidences = new List<double>();
        var probabilities = new List<ReadOnlyMemory<double>>();
        var k = modelClasses.Count;
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

                if (k >= 2 && row.ClassProbabilities.Length == k)
                {
                    probabilities.Add(row.ClassProbabilities);
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

        // Probabilities count when every labelled prediction has them and every label is a declared class.
        var fromProbabilities = probabilities.Count == actual.Count && actual.All(a => modelClasses.Contains(a, StringComparer.Ordinal));
        var scores = new List<double>(confidences.Count);
        if (classes.Length == 2 && confidences.Count == actual.Count)
        {
            for (var i = 0; i < predicted.Count; i++)
            {
                scores.Add(string.Equals(predicted[i], classes[1], StringComparison.Ordinal) ? confidences[i] : 1 - confidences[i]);
            }
        }
        else if (classes.Length == 2 && k == 2 && fromProbabilities && IndexOf(modelClasses, classes[1]) is var positive and >= 0)
        {
            foreach (var row in probabilities)
            {
                scores.Add(row.Span[positive]);
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

        // More than two declared classes: the model's own measures replace what a window of two of them would give.
        if (k > 2 && fromProbabilities)
        {
            var (rocAuc, multiclassLogLoss) = PerformanceCalculator.FromClassProbabilities(actual, modelClasses, probabilities);
            metrics.Remove(RealizedMetricNames.RocAuc);
            if (rocAuc is { } value)
            {
                metrics[RealizedMetricNames.RocAuc] = value;
            }

            metrics[RealizedMetricNames.LogLoss] = multiclassLogLoss;
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

    private static int IndexOf(IReadOnlyList<string> classes, string name)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (string.Equals(classes[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
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
