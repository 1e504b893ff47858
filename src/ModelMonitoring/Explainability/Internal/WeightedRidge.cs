namespace ModelMonitoring.Explainability;

/// <summary>
/// Weighted ridge regression with an intercept, as scikit-learn's <c>Ridge(alpha).fit(X, y, sample_weight)</c>:
/// X and y are centred on their weighted means, (Xc' W Xc + alpha I) beta = Xc' W yc, intercept = ybar - xbar' beta.
/// Buffers are reused across fits.
/// </summary>
internal sealed class WeightedRidge(int featureCount)
{
    private readonly double[] _means = new double[featureCount];
    private readonly double[] _normal = new double[featureCount * featureCount];
    private readonly double[] _centred = new double[featureCount];

    /// <summary>Fits the rows (row-major) to <paramref name="y"/>; writes the coefficients and returns the intercept and weighted R².</summary>
    public (double Intercept, double Score) Fit(ReadOnlySpan<double> rows, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, double alpha, Span<double> coefficients)
    {
        var m = featureCount;
        var totalWeight = 0.0;
        var yMean = 0.0;
        _means.AsSpan().Clear();
        for (var k = 0; k < y.Length; k++)
        {
            var w = weights[k];
            totalWeight += w;
            yMean += w * y[k];
            var row = rows.Slice(k * m, m);
            for (var j = 0; j < m; j++)
            {
                _means[j] += w * row[j];
            }
        }

        yMean /= totalWeight;
        for (var j = 0; j < m; j++)
        {
            _means[j] /= totalWeight;
        }

        _normal.AsSpan().Clear();
        coefficients.Clear();
        for (var k = 0; k < y.Length; k++)
        {
            var w = weights[k];
            var row = rows.Slice(k * m, m);
            for (var j = 0; j < m; j++)
            {
                _centred[j] = row[j] - _means[j];
            }

            var yc = w * (y[k] - yMean);
            for (var i = 0; i < m; i++)
            {
                var wi = w * _centred[i];
                coefficients[i] += _centred[i] * yc;
                for (var j = i; j < m; j++)
                {
                    _normal[(i * m) + j] += wi * _centred[j];
                }
            }
        }

        for (var i = 0; i < m; i++)
        {
            _normal[(i * m) + i] += alpha;
            for (var j = 0; j < i; j++)
            {
                _normal[(i * m) + j] = _normal[(j * m) + i];
            }
        }

        LinearSolver.Solve(_normal, coefficients, m);
        var intercept = yMean;
        for (var j = 0; j < m; j++)
        {
            intercept -= _means[j] * coefficients[j];
        }

        return (intercept, Score(rows, y, weights, coefficients, intercept, yMean));
    }

    public static double Predict(ReadOnlySpan<double> row, ReadOnlySpan<double> coefficients, double intercept)
    {
        var sum = intercept;
        for (var j = 0; j < coefficients.Length; j++)
        {
            sum += coefficients[j] * row[j];
        }

        return sum;
    }

    /// <summary>Weighted R² as scikit-learn's <c>r2_score</c> with sample weights (1 when y is constant and fitted exactly, else 0 for constant y).</summary>
    private double Score(ReadOnlySpan<double> rows, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, ReadOnlySpan<double> coefficients, double intercept, double yMean)
    {
        var residual = 0.0;
        var total = 0.0;
        for (var k = 0; k < y.Length; k++)
        {
            var error = y[k] - Predict(rows.Slice(k * featureCount, featureCount), coefficients, intercept);
            var spread = y[k] - yMean;
            residual += weights[k] * error * error;
            total += weights[k] * spread * spread;
        }

        return total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1.0 - (residual / total);
    }
}
