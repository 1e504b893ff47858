using System.Numerics;

namespace ModelMonitoring.Explainability;

/// <summary>
/// Exact Shapley values from the values of all 2^M coalitions (coalition index = bit mask of its features):
/// phi_i = sum over S without i of |S|!(M-|S|-1)!/M! (v(S+i) - v(S)). This is what Kernel SHAP's weighted
/// regression gives when it is fed every coalition.
/// </summary>
internal static class ExactShapley
{
    /// <summary>All 2^M coalitions as rows of M bytes, row <c>mask</c> holding 1 for each bit set in <c>mask</c>.</summary>
    public static byte[] AllCoalitions(int featureCount)
    {
        var count = 1 << featureCount;
        var coalitions = new byte[count * featureCount];
        for (var mask = 0; mask < count; mask++)
        {
            for (var j = 0; j < featureCount; j++)
            {
                coalitions[(mask * featureCount) + j] = (byte)((mask >> j) & 1);
            }
        }

        return coalitions;
    }

    /// <summary>The Shapley weight of a coalition of each size s: 1 / (M * C(M-1, s)).</summary>
    public static double[] Weights(int featureCount)
    {
        var weights = new double[featureCount];
        var binomial = 1.0;
        for (var s = 0; s < featureCount; s++)
        {
            weights[s] = 1.0 / (featureCount * binomial);
            binomial = binomial * (featureCount - 1 - s) / (s + 1);
        }

        return weights;
    }

    public static void Attribute(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, Span<double> attributions)
    {
        var featureCount = attributions.Length;
        for (var i = 0; i < featureCount; i++)
        {
            var bit = 1 << i;
            var sum = 0.0;
            for (var mask = 0; mask < values.Length; mask++)
            {
                if ((mask & bit) == 0)
                {
                    sum += weights[BitOperations.PopCount((uint)mask)] * (values[mask | bit] - values[mask]);
                }
            }

            attributions[i] = sum;
        }
    }
}
