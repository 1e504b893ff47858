using System.Runtime.InteropServices;

namespace ModelMonitoring.Estimation;

/// <summary>
/// Estimates a window's metrics from its predictions (class index into the reference's classes and confidence) with
/// the reference's calibration. Two classes: the calibrated positive-class probability p of each prediction gives the
/// expected confusion matrix (TP = Σ p over positive predictions, FP = Σ 1 − p over them, FN and TN likewise over negative
/// ones) and the expected ROC curve over the scores. More classes: the calibrated probability q that a prediction is right
/// gives the expected true positives of its class, and 1 − q is spread over the true classes as the reference's mistakes
/// of that class were. More classes with class probabilities: each class's probability is calibrated one-vs-rest, each
/// prediction's calibrated probabilities are normalized to sum to 1, and class c's expected true positives are the sum of
/// its probability over predictions of c, its expected false negatives the sum over predictions of other classes; its
/// expected ROC curve ranks the predictions by their recorded probability of c, each counting its calibrated probability
/// of c as a positive, and ROC AUC is the macro mean over classes. Keeps its scratch buffers between calls; one instance
/// per worker.
/// </summary>
internal sealed class CbpeEstimator(CbpeReference reference)
{
    private double[] _scores = [];
    private double[] _probabilities = [];
    private double[] _calibrated = [];
    private double[] _sortedScores = [];
    private int[] _classOrders = [];
    private int[] _order = [];
    private ulong[] _keyScratch = [];
    private int[] _orderScratch = [];
    private readonly double[] _sums = new double[3 * reference.Classes.Count];

    public CbpeReference Reference => reference;

    /// <summary>Writes the estimates into <paramref name="values"/> (<see cref="CbpeMath"/> slots; NaN when undefined).</summary>
    /// <param name="classes">Each prediction's class, an index into the reference's classes.</param>
    /// <param name="confidences">Each prediction's confidence (the probability of its class).</param>
    /// <param name="probabilities">Each prediction's class probabilities, row-major, when <see cref="CbpeReference.EstimatesFromProbabilities"/>; otherwise unused.</param>
    /// <param name="values">Receives the estimates.</param>
    public void Estimate(ReadOnlySpan<int> classes, ReadOnlySpan<double> confidences, ReadOnlySpan<double> probabilities, Span<double> values)
    {
        if (reference.EstimatesFromProbabilities)
        {
            EstimateFromProbabilities(classes, probabilities, values);
        }
        else if (reference.IsBinary)
        {
            EstimateBinary(classes, confidences, values);
        }
        else
        {
            EstimateMulticlass(classes, confidences, values);
        }
    }

    private void EstimateBinary(ReadOnlySpan<int> classes, ReadOnlySpan<double> confidences, Span<double> values)
    {
        var n = classes.Length;
        EnsureCapacity(n);

        var scores = _scores.AsSpan(0, n);
        var order = _order.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            scores[i] = classes[i] == 1 ? confidences[i] : 1 - confidences[i];
            order[i] = i;
        }

        // In score order the calibration is one walk over the fitted points and the ROC curve needs no further sort.
        RadixOrder.Sort(scores, order, _keyScratch, _orderScratch);
        var probabilities = _probabilities.AsSpan(0, n);
        reference.PositiveCalibrator!.PredictAscending(scores, probabilities);

        // The expected confusion matrix is summed in prediction order, as without the sort, so that it stays the same to
        // the last bit; the key scratch space, free after the sort, holds the probabilities back in that order.
        var byPrediction = MemoryMarshal.Cast<ulong, double>(_keyScratch.AsSpan(0, n));
        for (var r = 0; r < n; r++)
        {
            byPrediction[order[r]] = probabilities[r];
        }

        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < n; i++)
        {
            var p = byPrediction[i];
            if (classes[i] == 1)
            {
                tp += p;
                fp += 1 - p;
            }
            else
            {
                fn += p;
                tn += 1 - p;
            }
        }

        CbpeMath.Binary(tp, fp, fn, tn, values);
        values[CbpeMath.RocAuc] = CbpeMath.AreaUnderSortedRoc(scores, probabilities);
    }

    private void EstimateFromProbabilities(ReadOnlySpan<int> classes, ReadOnlySpan<double> probabilities, Span<double> values)
    {
        var k = reference.Classes.Count;
        var n = classes.Length;
        if (_calibrated.Length < n * k)
        {
            _calibrated = new double[n * k];
            _sortedScores = new double[n * k];
            _classOrders = new int[n * k];
        }

        EnsureCapacity(n);

        // Each class's probabilities in ascending order (kept for its ROC curve below) are calibrated in one walk over
        // its fitted points, and scattered back to their predictions.
        var calibrated = _calibrated.AsSpan(0, n * k);
        var inClassOrder = _probabilities.AsSpan(0, n);
        for (var c = 0; c < k; c++)
        {
            var scores = _sortedScores.AsSpan(c * n, n);
            var order = _classOrders.AsSpan(c * n, n);
            for (var i = 0; i < n; i++)
            {
                scores[i] = probabilities[(i * k) + c];
                order[i] = i;
            }

            RadixOrder.Sort(scores, order, _keyScratch, _orderScratch);
            reference.ProbabilityCalibrators[c].PredictAscending(scores, inClassOrder);
            for (var r = 0; r < n; r++)
            {
                calibrated[(order[r] * k) + c] = inClassOrder[r];
            }
        }

        // Calibrated one class at a time, a row need not sum to 1; a row all of whose classes calibrate to 0 says
        // nothing, and counts each class alike.
        for (var i = 0; i < n; i++)
        {
            var row = calibrated.Slice(i * k, k);
            var sum = 0.0;
            foreach (var q in row)
            {
                sum += q;
            }

            for (var c = 0; c < k; c++)
            {
                row[c] = sum > 0 ? row[c] / sum : 1.0 / k;
            }
        }

        var sums = _sums.AsSpan();
        sums.Clear();
        var truePositives = sums[..k];
        var predicted = sums.Slice(k, k);
        var falseNegatives = sums[(2 * k)..];
        for (var i = 0; i < n; i++)
        {
            var row = calibrated.Slice(i * k, k);
            var c = classes[i];
            truePositives[c] += row[c];
            predicted[c]++;
            for (var t = 0; t < k; t++)
            {
                falseNegatives[t] += t == c ? 0 : row[t];
            }
        }

        CbpeMath.Macro(truePositives, predicted, falseNegatives, n, values);
        double area = 0;
        var defined = 0;
        for (var c = 0; c < k; c++)
        {
            var order = _classOrders.AsSpan(c * n, n);
            for (var r = 0; r < n; r++)
            {
                inClassOrder[r] = calibrated[(order[r] * k) + c];
            }

            var classArea = CbpeMath.AreaUnderSortedRoc(_sortedScores.AsSpan(c * n, n), inClassOrder);
            if (double.IsFinite(classArea))
            {
                area += classArea;
                defined++;
            }
        }

        values[CbpeMath.RocAuc] = defined > 0 ? area / defined : double.NaN;
    }

    /// <summary>Grows the per-prediction scratch buffers to <paramref name="n"/>; they are kept for later windows.</summary>
    private void EnsureCapacity(int n)
    {
        if (_scores.Length < n)
        {
            _scores = new double[n];
            _probabilities = new double[n];
            _order = new int[n];
            _keyScratch = new ulong[n];
            _orderScratch = new int[n];
        }
    }

    private void EstimateMulticlass(ReadOnlySpan<int> classes, ReadOnlySpan<double> confidences, Span<double> values)
    {
        var k = reference.Classes.Count;
        var sums = _sums.AsSpan();
        sums.Clear();
        var truePositives = sums[..k];
        var predicted = sums.Slice(k, k);
        var falseNegatives = sums[(2 * k)..];
        var calibrators = reference.ClassCalibrators;
        var n = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            // A class the reference never predicted has no calibration.
            if (calibrators[classes[i]] is not { } calibrator)
            {
                continue;
            }

            truePositives[classes[i]] += calibrator.Predict(confidences[i]);
            predicted[classes[i]]++;
            n++;
        }

        var shares = reference.MistakeShares;
        for (var c = 0; c < k; c++)
        {
            var wrong = predicted[c] - truePositives[c];
            for (var t = 0; t < k; t++)
            {
                falseNegatives[t] += wrong * shares[c, t];
            }
        }

        CbpeMath.Macro(truePositives, predicted, falseNegatives, n, values);
    }
}
