namespace ModelMonitoring.Performance;

/// <summary>
/// Computes realized performance from labelled predictions, matching scikit-learn (<c>accuracy_score</c>,
/// <c>precision_recall_fscore_support</c>, <c>confusion_matrix</c>, <c>roc_auc_score</c>, <c>log_loss</c>,
/// <c>mean_absolute_error</c>, <c>mean_squared_error</c>, <c>mean_absolute_percentage_error</c>, <c>r2_score</c>);
/// tests compare it with fixtures that script generates.
/// </summary>
internal static class PerformanceCalculator
{
    /// <summary>The clip of probabilities in the log loss, NumPy's <c>finfo(float64).eps</c> (scikit-learn's <c>eps="auto"</c>).</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>Computes classification metrics.</summary>
    /// <param name="actual">The true classes.</param>
    /// <param name="predicted">The predicted classes, one per true class.</param>
    /// <param name="positiveScores">
    /// The score of the positive class (the greater of two classes in ordinal order) per prediction, for ROC AUC and log
    /// loss; empty when not every prediction has one.
    /// </param>
    public static ClassificationPerformance Classify(IReadOnlyList<string> actual, IReadOnlyList<string> predicted, IReadOnlyList<double> positiveScores)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predicted.Count, actual.Count, nameof(predicted));
        ArgumentOutOfRangeException.ThrowIfZero(actual.Count, nameof(actual));
        var classes = actual.Concat(predicted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++)
        {
            index.Add(classes[i], i);
        }

        var k = classes.Length;
        var confusion = new long[k, k];
        long correct = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var a = index[actual[i]];
            var p = index[predicted[i]];
            confusion[a, p]++;
            correct += a == p ? 1 : 0;
        }

        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        var support = new long[k];
        for (var c = 0; c < k; c++)
        {
            long predictedCount = 0;
            for (var r = 0; r < k; r++)
            {
                support[c] += confusion[c, r];
                predictedCount += confusion[r, c];
            }

            var truePositives = (double)confusion[c, c];
            precision[c] = Ratio(truePositives, predictedCount);
            recall[c] = Ratio(truePositives, support[c]);
            f1[c] = Ratio(2 * precision[c] * recall[c], precision[c] + recall[c]);
        }

        var n = (double)actual.Count;
        var result = new ClassificationPerformance(
            classes, confusion, correct / n, precision, recall, f1, support,
            precision.Average(), recall.Average(), f1.Average(),
            Weighted(precision, support, n), Weighted(recall, support, n), Weighted(f1, support, n));
        if (k != 2 || positiveScores.Count != actual.Count)
        {
            return result;
        }

        var positive = classes[1];
        return result with
        {
            RocAuc = RocAuc(actual, positiveScores, positive),
            LogLoss = LogLoss(actual, positiveScores, positive),
        };
    }

    /// <summary>
    /// ROC AUC and log loss from each prediction's probability of every class: the macro mean of each class's one-vs-rest
    /// ROC AUC (scikit-learn's <c>roc_auc_score(multi_class="ovr", average="macro")</c>; null, where scikit-learn refuses,
    /// when a class is true of no row or of every row), and <c>log_loss</c> (each probability clipped to machine epsilon,
    /// each row renormalized to sum to 1).
    /// </summary>
    /// <param name="actual">The true classes, each one of <paramref name="classes"/>.</param>
    /// <param name="classes">The classes, in the order of each row's probabilities.</param>
    /// <param name="probabilities">Each row's probabilities, one per class.</param>
    public static (double? RocAuc, double LogLoss) FromClassProbabilities(IReadOnlyList<string> actual, IReadOnlyList<string> classes, IReadOnlyList<ReadOnlyMemory<double>> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(probabilities.Count, actual.Count, nameof(probabilities));
        ArgumentOutOfRangeException.ThrowIfZero(actual.Count, nameof(actual));
        var k = classes.Count;
        var logLoss = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var row = probabilities[i].Span;
            ArgumentOutOfRangeException.ThrowIfNotEqual(row.Length, k, nameof(probabilities));
            double sum = 0, truth = double.NaN;
            for (var c = 0; c < k; c++)
            {
                var p = Math.Clamp(row[c], Epsilon, 1 - Epsilon);
                sum += p;
                truth = string.Equals(classes[c], actual[i], StringComparison.Ordinal) ? p : truth;
            }

            logLoss -= Math.Log(truth / sum);
        }

        double? area = 0;
        var scores = new double[actual.Count];
        for (var c = 0; c < k && area is not null; c++)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = probabilities[i].Span[c];
            }

            area = RocAuc(actual, scores, classes[c]) is { } classArea ? area + classArea : null;
        }

        return (area / k, logLoss / actual.Count);
    }

    /// <summary>Computes regression metrics.</summary>
    public static RegressionPerformance Regress(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predicted.Count, actual.Count, nameof(predicted));
        ArgumentOutOfRangeException.ThrowIfZero(actual.Count, nameof(actual));
        var n = actual.Count;
        double absolute = 0, squared = 0, percentage = 0, mean = 0;
        for (var i = 0; i < n; i++)
        {
            var error = actual[i] - predicted[i];
            absolute += Math.Abs(error);
            squared += error * error;
            percentage += Math.Abs(error) / Math.Max(Math.Abs(actual[i]), Epsilon);
            mean += actual[i];
        }

        mean /= n;
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        double? r2 = n < 2 ? null : total != 0 ? 1 - (squared / total) : squared == 0 ? 1 : 0;
        return new RegressionPerformance(absolute / n, Math.Sqrt(squared / n), percentage / n, r2);
    }

    /// <summary>The area under the ROC curve as the Mann-Whitney statistic with mid-ranks, which equals the trapezoidal area over tied scores.</summary>
    private static double? RocAuc(IReadOnlyList<string> actual, IReadOnlyList<double> scores, string positive)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        long positives = 0;
        var positiveRankSum = 0.0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            // Ranks start + 1 to end + 1 share their mean.
            var rank = (start + end + 2) / 2.0;
            for (var i = start; i <= end; i++)
            {
                if (string.Equals(actual[order[i]], positive, StringComparison.Ordinal))
                {
                    positives++;
                    positiveRankSum += rank;
                }
            }

            start = end + 1;
        }

        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    private static double LogLoss(IReadOnlyList<string> actual, IReadOnlyList<double> scores, string positive)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Count; i++)
        {
            var p = Math.Clamp(scores[i], Epsilon, 1 - Epsilon);
            sum -= string.Equals(actual[i], positive, StringComparison.Ordinal) ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / scores.Count;
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;

    private static double Weighted(double[] values, long[] support, double n)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i] * support[i];
        }

        return sum / n;
    }
}
