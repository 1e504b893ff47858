namespace ModelMonitoring.Recording;

/// <summary>
/// What makes a row of class probabilities a probability distribution, one rule for recording
/// (<see cref="Prediction.ClassProbabilities"/>) and for the reference of performance estimation: each value within [0, 1]
/// (NaN is not), and the values summing to 1 within <see cref="SumTolerance"/>.
/// </summary>
internal static class ClassProbabilityCheck
{
    /// <summary>
    /// How far the values may sum from 1: loose enough for probabilities a model rounded or computed in single precision
    /// (softmax in float32 is off by about 1e-7 per class), tight enough to refuse scores that are not probabilities at all.
    /// </summary>
    public const double SumTolerance = 1e-3;

    /// <summary>Returns the index of the first value outside [0, 1] (NaN included), or -1 with the values' sum.</summary>
    public static int FirstOutOfRange(ReadOnlySpan<double> probabilities, out double sum)
    {
        sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            // Written so that NaN fails too.
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
            {
                return i;
            }

            sum += probabilities[i];
        }

        return -1;
    }

    public static bool SumsToOne(double sum) => Math.Abs(sum - 1) <= SumTolerance;
}
