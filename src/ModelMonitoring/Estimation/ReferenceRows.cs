namespace ModelMonitoring.Estimation;

/// <summary>
/// Reference rows with classes as indexes into <see cref="CbpeReference.Classes"/>, and, for a multiclass reference built
/// from class probabilities, each row's probabilities (row-major, <see cref="ClassCount"/> per row).
/// </summary>
internal sealed record ReferenceRows(int[] Predicted, double[] Confidences, int[] Actual, int ClassCount, double[]? Probabilities = null)
{
    public int Count => Predicted.Length;

    /// <summary>Binary: the score of the positive class (index 1), from the confidence of the predicted class.</summary>
    public double PositiveScore(int row) => Predicted[row] == 1 ? Confidences[row] : 1 - Confidences[row];

    /// <summary>Writes the realized metrics of the rows <paramref name="sample"/> selects into <paramref name="values"/>.</summary>
    public void Realized(ReadOnlySpan<int> sample, Span<double> values, Span<double> scores, Span<double> outcomes)
    {
        if (ClassCount == 2)
        {
            double tp = 0, fp = 0, fn = 0, tn = 0;
            for (var j = 0; j < sample.Length; j++)
            {
                var i = sample[j];
                var positive = Actual[i] == 1;
                if (Predicted[i] == 1)
                {
                    (tp, fp) = positive ? (tp + 1, fp) : (tp, fp + 1);
                }
                else
                {
                    (fn, tn) = positive ? (fn + 1, tn) : (fn, tn + 1);
                }

                scores[j] = PositiveScore(i);
                outcomes[j] = positive ? 1 : 0;
            }

            CbpeMath.Binary(tp, fp, fn, tn, values);
            values[CbpeMath.RocAuc] = CbpeMath.AreaUnderRoc(scores[..sample.Length], outcomes[..sample.Length]);
            return;
        }

        Span<double> counts = new double[3 * ClassCount];
        var truePositives = counts[..ClassCount];
        var predicted = counts.Slice(ClassCount, ClassCount);
        var falseNegatives = counts[(2 * ClassCount)..];
        foreach (var i in sample)
        {
            predicted[Predicted[i]]++;
            if (Predicted[i] == Actual[i])
            {
                truePositives[Actual[i]]++;
            }
            else
            {
                falseNegatives[Actual[i]]++;
            }
        }

        CbpeMath.Macro(truePositives, predicted, falseNegatives, sample.Length, values);
        if (Probabilities is { } probabilities)
        {
            values[CbpeMath.RocAuc] = MacroAreaUnderRoc(probabilities, sample, scores, outcomes);
        }
    }

    /// <summary>
    /// The macro mean of each class's one-vs-rest ROC AUC over the sampled rows; a class with no positive or no negative
    /// row is left out. Each class's probabilities are radix-sorted (the reference's 200 bootstrap samples make this most
    /// of building a reference from class probabilities).
    /// </summary>
    private double MacroAreaUnderRoc(double[] probabilities, ReadOnlySpan<int> sample, Span<double> scores, Span<double> outcomes)
    {
        var n = sample.Length;
        var keys = scores[..n];
        var items = new int[n];
        var keyScratch = new ulong[n];
        var itemScratch = new int[n];
        double sum = 0;
        var defined = 0;
        for (var c = 0; c < ClassCount; c++)
        {
            for (var j = 0; j < n; j++)
            {
                keys[j] = probabilities[(sample[j] * ClassCount) + c];
                items[j] = j;
            }

            RadixOrder.Sort(keys, items, keyScratch, itemScratch);
            for (var r = 0; r < n; r++)
            {
                outcomes[r] = Actual[sample[items[r]]] == c ? 1 : 0;
            }

            var area = CbpeMath.AreaUnderSortedRoc(keys, outcomes[..n]);
            if (double.IsFinite(area))
            {
                sum += area;
                defined++;
            }
        }

        return defined > 0 ? sum / defined : double.NaN;
    }
}
