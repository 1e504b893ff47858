using MathNet.Numerics.LinearAlgebra;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift;

/// <summary>
/// Principal components of standardised reference columns: each feature is centred on its
/// reference mean and divided by its reference sample standard deviation (divisor n − 1), and the
/// components are the eigenvectors of the resulting correlation matrix, by decreasing eigenvalue.
/// </summary>
/// <remarks>
/// The eigendecomposition of the p × p correlation matrix gives the same components as a singular
/// value decomposition of the n × p standardised data (the fixtures are computed that way) without
/// ever holding an n × n or n × p matrix. Each component's sign is fixed so that its largest loading
/// is positive; the sign does not change any result.
/// </remarks>
internal sealed class PrincipalComponents
{
    private readonly double[] _scales;
    private readonly double[] _means;
    private readonly double[] _deviations;

    // Feature-major: the loading of feature j on kept component c is at [j * ComponentCount + c].
    private readonly double[] _loadings;

    private PrincipalComponents(double[] scales, double[] means, double[] deviations, double[] loadings, double[] ratios, int components)
    {
        _scales = scales;
        _means = means;
        _deviations = deviations;
        _loadings = loadings;
        ExplainedVarianceRatios = ratios;
        ComponentCount = components;
    }

    /// <summary>Gets the number of kept components.</summary>
    public int ComponentCount { get; }

    /// <summary>Gets the explained variance ratio of every component (not only the kept ones), decreasing.</summary>
    public double[] ExplainedVarianceRatios { get; }

    /// <exception cref="ArgumentException">A feature is constant.</exception>
    public static PrincipalComponents Fit(IReadOnlyList<string> names, double[][] columns, double explainedVariance, int? components, string paramName)
    {
        var p = columns.Length;
        var scales = new double[p];
        var means = new double[p];
        var deviations = new double[p];
        columns = (double[][])columns.Clone();
        for (var j = 0; j < p; j++)
        {
            var column = columns[j];
            if (column.AsSpan().IndexOfAnyExcept(column[0]) < 0)
            {
                throw new ArgumentException(
                    $"Feature '{names[j]}' is constant in the reference ({column[0]}); it cannot be standardised. Leave it out of the multivariate check.", paramName);
            }

            // Values near ±double.MaxValue would overflow the variance and the products of the correlation:
            // such a column is first scaled down by a power of two, which is exact and leaves every
            // standardised value, and so every result, as it was.
            scales[j] = Scale(column);
            if (scales[j] != 1)
            {
                column = columns[j] = Array.ConvertAll(column, v => v * scales[j]);
            }

            var (mean, variance) = Moments.MeanAndVariance(column);
            means[j] = mean;
            deviations[j] = Math.Sqrt(variance);
        }

        var (eigenvalues, eigenvectors) = Decompose(Correlation(columns, means, deviations));
        var total = eigenvalues.Sum(v => Math.Max(v, 0));
        var ratios = eigenvalues.Select(v => Math.Max(v, 0) / total).ToArray();
        var k = components ?? Needed(ratios, explainedVariance);
        var loadings = new double[p * k];
        for (var c = 0; c < k; c++)
        {
            var vector = eigenvectors[c];
            var largest = 0;
            for (var j = 1; j < p; j++)
            {
                largest = Math.Abs(vector[j]) > Math.Abs(vector[largest]) ? j : largest;
            }

            var sign = vector[largest] < 0 ? -1.0 : 1.0;
            for (var j = 0; j < p; j++)
            {
                loadings[(j * k) + c] = sign * vector[j];
            }
        }

        return new PrincipalComponents(scales, means, deviations, loadings, ratios, k);
    }

    /// <summary>
    /// Standardises each row, writes its projection on every kept component and the Euclidean
    /// distance between the standardised row and its reconstruction from those projections.
    /// </summary>
    /// <param name="columns">The feature columns, in the order of the fit, all of the same length.</param>
    /// <param name="projections">One destination per kept component, at least as long as the columns.</param>
    /// <param name="errors">The destination of the row errors, at least as long as the columns.</param>
    public void Transform(double[][] columns, double[][] projections, Span<double> errors)
    {
        var p = _means.Length;
        var k = ComponentCount;
        var rows = columns[0].Length;
        Span<double> z = p <= 64 ? stackalloc double[p] : new double[p];
        Span<double> t = k <= 64 ? stackalloc double[k] : new double[k];
        var loadings = _loadings.AsSpan();
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < p; j++)
            {
                z[j] = ((columns[j][i] * _scales[j]) - _means[j]) / _deviations[j];
            }

            for (var c = 0; c < k; c++)
            {
                var sum = 0.0;
                for (var j = 0; j < p; j++)
                {
                    sum += z[j] * loadings[(j * k) + c];
                }

                t[c] = sum;
                projections[c][i] = sum;
            }

            var squares = 0.0;
            for (var j = 0; j < p; j++)
            {
                var row = loadings.Slice(j * k, k);
                var reconstruction = 0.0;
                for (var c = 0; c < k; c++)
                {
                    reconstruction += t[c] * row[c];
                }

                var residual = z[j] - reconstruction;
                squares += residual * residual;
            }

            errors[i] = Math.Sqrt(squares);
        }
    }

    private static double[,] Correlation(double[][] columns, double[] means, double[] deviations)
    {
        var p = columns.Length;
        var n = columns[0].Length;
        var correlation = new double[p, p];
        for (var j = 0; j < p; j++)
        {
            var x = columns[j];
            for (var l = 0; l <= j; l++)
            {
                var y = columns[l];
                double mx = means[j], my = means[l];
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    sum += (x[i] - mx) * (y[i] - my);
                }

                correlation[j, l] = correlation[l, j] = sum / ((n - 1) * deviations[j] * deviations[l]);
            }
        }

        return correlation;
    }

    // Eigenvalues in decreasing order, each with its unit eigenvector.
    private static (double[] Values, double[][] Vectors) Decompose(double[,] symmetric)
    {
        var evd = Matrix<double>.Build.DenseOfArray(symmetric).Evd(Symmetricity.Symmetric);
        var p = symmetric.GetLength(0);
        var order = Enumerable.Range(0, p).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var values = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = order.Select(i => evd.EigenVectors.Column(i).ToArray()).ToArray();
        return (values, vectors);
    }

    // A power of two that brings the largest magnitude below 2, or 1 where it already is (scaling up could overflow a current value).
    private static double Scale(double[] column)
    {
        var largest = 0.0;
        foreach (var value in column)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }

        return largest >= 2 ? Math.ScaleB(1.0, -Math.ILogB(largest)) : 1;
    }

    // The fewest leading components whose ratios add up to at least the target.
    private static int Needed(double[] ratios, double target)
    {
        var cumulative = 0.0;
        for (var c = 0; c < ratios.Length; c++)
        {
            cumulative += ratios[c];
            if (cumulative >= target)
            {
                return c + 1;
            }
        }

        return ratios.Length; // rounding kept the total just under a target of 1
    }
}
