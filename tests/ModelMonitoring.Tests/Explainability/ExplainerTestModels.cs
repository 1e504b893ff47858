using ModelMonitoring.Explainability;

namespace ModelMonitoring.Tests.Explainability;

/// <summary>Models, data and reference Shapley values computed by the definition, for the explainer tests.</summary>
internal static class ExplainerTestModels
{
    public static BatchPredictor Linear(double[] weights, double intercept) => (rows, outputs) =>
    {
        for (var r = 0; r < outputs.Length; r++)
        {
            var sum = intercept;
            for (var j = 0; j < weights.Length; j++)
            {
                sum += weights[j] * rows[(r * weights.Length) + j];
            }

            outputs[r] = sum;
        }
    };

    /// <summary>A non-linear model with pairwise and three-way interactions and a non-additive squashing.</summary>
    public static BatchPredictor Interacting(int featureCount) => (rows, outputs) =>
    {
        for (var r = 0; r < outputs.Length; r++)
        {
            var x = rows.Slice(r * featureCount, featureCount);
            var sum = 0.3;
            for (var j = 0; j < featureCount; j++)
            {
                sum += (0.5 + (0.1 * j)) * x[j];
            }

            sum += 1.5 * x[0] * x[1];
            sum -= 0.8 * x[2] * x[3] * x[0];
            sum += Math.Sin(x[featureCount - 1] * x[featureCount - 2]);
            outputs[r] = Math.Tanh(0.3 * sum) + (0.2 * Math.Max(0, x[1] - x[4]));
        }
    };

    public static double[] Rows(int rowCount, int featureCount, int seed)
    {
        var random = new Random(seed);
        var rows = new double[rowCount * featureCount];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (random.NextDouble() * 2) - 1 + (0.1 * (i % featureCount));
        }

        return rows;
    }

    public static double Predict(BatchPredictor model, ReadOnlySpan<double> row)
    {
        Span<double> output = stackalloc double[1];
        model(row, output);
        return output[0];
    }

    /// <summary>v(S) = mean over the background of f(x_S, b_rest), one row at a time.</summary>
    public static double CoalitionValue(BatchPredictor model, double[] background, double[] instance, int mask)
    {
        var m = instance.Length;
        var rows = background.Length / m;
        var row = new double[m];
        var sum = 0.0;
        for (var b = 0; b < rows; b++)
        {
            for (var j = 0; j < m; j++)
            {
                row[j] = ((mask >> j) & 1) == 1 ? instance[j] : background[(b * m) + j];
            }

            sum += Predict(model, row);
        }

        return sum / rows;
    }

    /// <summary>Shapley values by the definition: phi_i = sum over S without i of |S|!(M-|S|-1)!/M! (v(S+i) - v(S)).</summary>
    public static double[] BruteForceShapley(BatchPredictor model, double[] background, double[] instance)
    {
        var m = instance.Length;
        var values = new double[1 << m];
        for (var mask = 0; mask < values.Length; mask++)
        {
            values[mask] = CoalitionValue(model, background, instance, mask);
        }

        var phi = new double[m];
        for (var i = 0; i < m; i++)
        {
            for (var mask = 0; mask < values.Length; mask++)
            {
                if ((mask & (1 << i)) == 0)
                {
                    var s = System.Numerics.BitOperations.PopCount((uint)mask);
                    phi[i] += Factorial(s) * Factorial(m - s - 1) / Factorial(m) * (values[mask | (1 << i)] - values[mask]);
                }
            }
        }

        return phi;
    }

    /// <summary>Shapley values as the mean marginal contribution over all M! feature orderings (the other definition).</summary>
    public static double[] ShapleyOverOrderings(BatchPredictor model, double[] background, double[] instance)
    {
        var m = instance.Length;
        var phi = new double[m];
        var orderings = 0;
        foreach (var order in Permutations(Enumerable.Range(0, m).ToArray()))
        {
            var mask = 0;
            var before = CoalitionValue(model, background, instance, mask);
            foreach (var i in order)
            {
                mask |= 1 << i;
                var after = CoalitionValue(model, background, instance, mask);
                phi[i] += after - before;
                before = after;
            }

            orderings++;
        }

        return [.. phi.Select(p => p / orderings)];
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, k) => k != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
