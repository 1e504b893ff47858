namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// Simulated classifiers whose confidences are a fixed monotone distortion of the true probability (over-confident), so
/// that a calibration learned on a reference holds in later windows: the situation CBPE assumes.
/// </summary>
internal sealed class SimulatedClassifier(int seed, int classes)
{
    private readonly Random _random = new(seed);

    public static readonly string[] ClassNames = ["a", "b", "c", "d"];

    /// <summary>
    /// Draws one prediction. Binary: a covariate x ~ N(0, spread²) gives P(positive) = sigmoid(2x); the model's score is
    /// that probability pushed away from ½ (over-confident), its class the score ≥ ½. Multiclass: the predicted class is
    /// uniform, P(right) = 0.35 + 0.65 u with u ~ Beta-like by <paramref name="spread"/>, the rest split 2:1 between the next
    /// two classes; the confidence is P(right) to the power 0.7.
    /// </summary>
    public (string Predicted, double Confidence, string Actual) Next(double spread)
    {
        if (classes == 2)
        {
            var x = Normal() * spread;
            var p = 1 / (1 + Math.Exp(-2 * x));
            var score = p < 0.5 ? 0.5 * Math.Pow(2 * p, 1.5) : 1 - (0.5 * Math.Pow(2 * (1 - p), 1.5));
            var predicted = score >= 0.5 ? "b" : "a";
            var actual = _random.NextDouble() < p ? "b" : "a";
            return (predicted, predicted == "b" ? score : 1 - score, actual);
        }

        var k = _random.Next(classes);
        var u = Math.Pow(_random.NextDouble(), 1 / spread);
        var right = 0.35 + (0.65 * u);
        var draw = _random.NextDouble();
        var truth = draw < right ? k : draw < right + ((1 - right) * 2 / 3) ? (k + 1) % classes : (k + 2) % classes;
        return (ClassNames[k], Math.Pow(right, 0.7), ClassNames[truth]);
    }

    public (string[] Predicted, double[] Confidences, string[] Actual) Batch(int n, double spread)
    {
        var predicted = new string[n];
        var confidences = new double[n];
        var actual = new string[n];
        for (var i = 0; i < n; i++)
        {
            (predicted[i], confidences[i], actual[i]) = Next(spread);
        }

        return (predicted, confidences, actual);
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
