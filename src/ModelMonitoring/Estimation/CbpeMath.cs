namespace ModelMonitoring.Estimation;

/// <summary>
/// The metric formulas CBPE shares between realized values (outcomes 0 or 1) and estimates (calibrated probabilities):
/// the same expression of a confusion matrix gives either, depending on whether its cells are counts or expected counts.
/// Metric slots follow <see cref="EstimatedMetricNames.All"/>: accuracy, precision, recall, F1, ROC AUC.
/// </summary>
internal static class CbpeMath
{
    public const int MetricCount = 5;
    public const int Accuracy = 0;
    public const int Precision = 1;
    public const int Recall = 2;
    public const int F1 = 3;
    public const int RocAuc = 4;

    /// <summary>Accuracy, precision, recall and F1 of the positive class from a (expected) binary confusion matrix; a zero denominator gives 0, as scikit-learn.</summary>
    public static void Binary(double tp, double fp, double fn, double tn, Span<double> values)
    {
        values[Accuracy] = Ratio(tp + tn, tp + fp + fn + tn);
        values[Precision] = Ratio(tp, tp + fp);
        values[Recall] = Ratio(tp, tp + fn);
        values[F1] = Ratio(2 * tp, (2 * tp) + fp + fn);
    }

    /// <summary>Accuracy and the macro (unweighted) means of per-class precision, recall and F1 from (expected) per-class counts.</summary>
    /// <param name="truePositives">Per class: predictions of the class whose true class it is.</param>
    /// <param name="predicted">Per class: predictions of the class.</param>
    /// <param name="falseNegatives">Per class: predictions of another class whose true class it is.</param>
    /// <param name="count">All predictions.</param>
    /// <param name="values">Receives the values.</param>
    public static void Macro(ReadOnlySpan<double> truePositives, ReadOnlySpan<double> predicted, ReadOnlySpan<double> falseNegatives, double count, Span<double> values)
    {
        double correct = 0, precision = 0, recall = 0, f1 = 0;
        for (var c = 0; c < truePositives.Length; c++)
        {
            var tp = truePositives[c];
            var fp = predicted[c] - tp;
            correct += tp;
            precision += Ratio(tp, predicted[c]);
            recall += Ratio(tp, tp + falseNegatives[c]);
            f1 += Ratio(2 * tp, (2 * tp) + fp + falseNegatives[c]);
        }

        var k = truePositives.Length;
        values[Accuracy] = Ratio(correct, count);
        values[Precision] = precision / k;
        values[Recall] = recall / k;
        values[F1] = f1 / k;
        values[RocAuc] = double.NaN;
    }

    /// <summary>
    /// The area under the (expected) ROC curve: predictions ranked by score, each counting <c>p</c> of a positive and
    /// <c>1 − p</c> of a negative, tied scores forming one step (trapezoid). With outcomes 0 or 1 it is the realized AUC
    /// (scikit-learn's <c>roc_auc_score</c>); with calibrated probabilities NannyML's CBPE estimate. NaN when the
    /// expected positives or negatives are zero. Sorts both spans by score.
    /// </summary>
    public static double AreaUnderRoc(Span<double> scores, Span<double> probabilities)
    {
        scores.Sort(probabilities);
        return AreaUnderSortedRoc(scores, probabilities);
    }

    /// <summary>The area of <see cref="AreaUnderRoc"/> for scores already in ascending order, with their probabilities.</summary>
    public static double AreaUnderSortedRoc(ReadOnlySpan<double> ascendingScores, ReadOnlySpan<double> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(probabilities.Length, ascendingScores.Length, nameof(probabilities));
        double tp = 0, fp = 0, area = 0;
        var i = ascendingScores.Length - 1;
        while (i >= 0)
        {
            double stepTp = 0, stepFp = 0;
            var score = ascendingScores[i];
            while (i >= 0 && ascendingScores[i] == score)
            {
                stepTp += probabilities[i];
                stepFp += 1 - probabilities[i];
                i--;
            }

            area += stepFp * (tp + (tp + stepTp)) / 2;
            tp += stepTp;
            fp += stepFp;
        }

        return tp > 0 && fp > 0 ? area / (tp * fp) : double.NaN;
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
