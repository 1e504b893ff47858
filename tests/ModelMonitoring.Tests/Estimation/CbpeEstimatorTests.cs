using ModelMonitoring.Estimation;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// The binary estimate (scores sorted, calibrated in one walk, the ROC curve from the sorted arrays) against the direct
/// computation it replaces: each prediction calibrated by <see cref="IsotonicCalibrator.Predict"/>, the confusion matrix
/// summed in prediction order, <see cref="CbpeMath.AreaUnderRoc"/>. The same five values, bit for bit. Likewise the
/// estimate from class probabilities (each class's probabilities sorted and calibrated in one walk) against each
/// probability calibrated by <see cref="IsotonicCalibrator.Predict"/> and each class's ROC curve by
/// <see cref="CbpeMath.AreaUnderRoc"/>.
/// </summary>
public class CbpeEstimatorTests
{
    [Fact]
    public void EstimateBinary_EqualsTheDirectComputationBitForBit_OverWindowsOfEverySize()
    {
        var model = new SimulatedClassifier(seed: 3, classes: 2);
        var (predicted, confidences, actual) = model.Batch(5_000, spread: 1.5);
        var reference = CbpeReference.Create(predicted, confidences, actual);
        var estimator = new CbpeEstimator(reference);
        var random = new Random(11);

        // Growing and shrinking windows reuse the estimator's buffers.
        foreach (var n in new[] { 1, 2, 10_000, 37, 1_000, 10_000 })
        {
            var (classes, windowConfidences) = Window(random, n);
            var values = new double[CbpeMath.MetricCount];

            estimator.Estimate(classes, windowConfidences, [], values);

            var expected = Direct(reference, classes, windowConfidences);
            for (var metric = 0; metric < CbpeMath.MetricCount; metric++)
            {
                BitConverter.DoubleToInt64Bits(values[metric]).ShouldBe(BitConverter.DoubleToInt64Bits(expected[metric]), $"{n} predictions, {EstimatedMetricNames.All[metric]}");
            }
        }
    }

    [Fact]
    public void EstimateBinary_LeavesTheWindowUnchanged()
    {
        var model = new SimulatedClassifier(seed: 4, classes: 2);
        var (predicted, confidences, actual) = model.Batch(2_000, spread: 1.5);
        var estimator = new CbpeEstimator(CbpeReference.Create(predicted, confidences, actual));
        var (classes, windowConfidences) = Window(new Random(5), 500);
        var copy = windowConfidences.ToArray();

        estimator.Estimate(classes, windowConfidences, [], new double[CbpeMath.MetricCount]);

        windowConfidences.ShouldBe(copy);
    }

    [Fact]
    public void EstimateFromProbabilities_EqualsTheDirectComputationBitForBit_OverWindowsOfEverySize()
    {
        const int k = 4;
        var reference = CbpeClassProbabilitiesTests.ProbabilityClassifier.Reference(k, spread: 1.2);
        var estimator = new CbpeEstimator(reference);
        var model = new CbpeClassProbabilitiesTests.ProbabilityClassifier(seed: 8, k);

        foreach (var n in new[] { 1, 3, 10_000, 50, 2_000 })
        {
            var batch = model.Batch(n, spread: 1.2);

            // Repeated and extreme probabilities, so that scores tie: every fifth row rounded, every seventh one-hot.
            for (var i = 0; i < n; i++)
            {
                var row = batch.Probabilities.AsSpan(i * k, k);
                if (i % 7 == 0)
                {
                    row.Clear();
                    row[batch.Predicted[i]] = 1;
                }
                else if (i % 5 == 0)
                {
                    for (var c = 0; c < k - 1; c++)
                    {
                        row[c] = Math.Round(row[c], 1);
                    }

                    row[k - 1] = 0;
                    row[k - 1] = Math.Max(0, 1 - row.ToArray().Sum());
                }
            }

            var values = new double[CbpeMath.MetricCount];
            var copy = batch.Probabilities.ToArray();

            estimator.Estimate(batch.Predicted, [], batch.Probabilities, values);

            var expected = DirectFromProbabilities(reference, batch.Predicted, batch.Probabilities);
            for (var metric = 0; metric < CbpeMath.MetricCount; metric++)
            {
                BitConverter.DoubleToInt64Bits(values[metric]).ShouldBe(BitConverter.DoubleToInt64Bits(expected[metric]), $"{n} predictions, {EstimatedMetricNames.All[metric]}");
            }

            batch.Probabilities.ShouldBe(copy);
        }
    }

    private static double[] DirectFromProbabilities(CbpeReference reference, int[] classes, double[] probabilities)
    {
        var k = reference.Classes.Count;
        var n = classes.Length;
        var calibrated = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                calibrated[(i * k) + c] = reference.ProbabilityCalibrators[c].Predict(probabilities[(i * k) + c]);
                sum += calibrated[(i * k) + c];
            }

            for (var c = 0; c < k; c++)
            {
                calibrated[(i * k) + c] = sum > 0 ? calibrated[(i * k) + c] / sum : 1.0 / k;
            }
        }

        var truePositives = new double[k];
        var predicted = new double[k];
        var falseNegatives = new double[k];
        for (var i = 0; i < n; i++)
        {
            truePositives[classes[i]] += calibrated[(i * k) + classes[i]];
            predicted[classes[i]]++;
            for (var t = 0; t < k; t++)
            {
                falseNegatives[t] += t == classes[i] ? 0 : calibrated[(i * k) + t];
            }
        }

        var values = new double[CbpeMath.MetricCount];
        CbpeMath.Macro(truePositives, predicted, falseNegatives, n, values);
        double area = 0;
        var defined = 0;
        for (var c = 0; c < k; c++)
        {
            var classArea = CbpeMath.AreaUnderRoc(
                [.. Enumerable.Range(0, n).Select(i => probabilities[(i * k) + c])],
                [.. Enumerable.Range(0, n).Select(i => calibrated[(i * k) + c])]);
            if (double.IsFinite(classArea))
            {
                area += classArea;
                defined++;
            }
        }

        values[CbpeMath.RocAuc] = defined > 0 ? area / defined : double.NaN;
        return values;
    }

    /// <summary>A window with repeated confidences, both zeros and the extremes, so that scores tie.</summary>
    private static (int[] Classes, double[] Confidences) Window(Random random, int n)
    {
        double[] special = [0.0, -0.0, 1.0, 0.5];
        var classes = Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray();
        var confidences = Enumerable.Range(0, n).Select(i => (i % 7) switch
        {
            0 => special[random.Next(special.Length)],
            1 or 2 => Math.Round(0.5 + (random.NextDouble() / 2), 2),
            _ => 0.5 + (random.NextDouble() / 2),
        }).ToArray();
        return (classes, confidences);
    }

    private static double[] Direct(CbpeReference reference, int[] classes, double[] confidences)
    {
        var calibrator = reference.PositiveCalibrator!;
        var scores = new double[classes.Length];
        var probabilities = new double[classes.Length];
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            scores[i] = classes[i] == 1 ? confidences[i] : 1 - confidences[i];
            probabilities[i] = calibrator.Predict(scores[i]);
            if (classes[i] == 1)
            {
                tp += probabilities[i];
                fp += 1 - probabilities[i];
            }
            else
            {
                fn += probabilities[i];
                tn += 1 - probabilities[i];
            }
        }

        var values = new double[CbpeMath.MetricCount];
        CbpeMath.Binary(tp, fp, fn, tn, values);
        values[CbpeMath.RocAuc] = CbpeMath.AreaUnderRoc(scores, probabilities);
        return values;
    }
}
