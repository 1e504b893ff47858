using ModelMonitoring.Estimation;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// The binary estimate (scores sorted, calibrated in one walk, the ROC curve from the sorted arrays) against the direct
/// computation it replaces: each prediction calibrated by <see cref="IsotonicCalibrator.Predict"/>, the confusion matrix
/// summed in prediction order, <see cref="CbpeMath.AreaUnderRoc"/>. The same five values, bit for bit.
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

            estimator.Estimate(classes, windowConfidences, values);

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

        estimator.Estimate(classes, windowConfidences, new double[CbpeMath.MetricCount]);

        windowConfidences.ShouldBe(copy);
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
