namespace ModelMonitoring.Explainability;

/// <summary>Solves small dense systems A x = b in place (Gaussian elimination with partial pivoting).</summary>
internal static class LinearSolver
{
    /// <summary>
    /// Overwrites <paramref name="b"/> with the solution; <paramref name="a"/> (n x n, row-major) is destroyed.
    /// A direction the data leave undetermined (pivot negligible against the largest diagonal) gets 0.
    /// </summary>
    public static void Solve(Span<double> a, Span<double> b, int n)
    {
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[(i * n) + i]));
        }

        var tiny = Math.Max(scale, double.Epsilon) * 1e-13;
        for (var k = 0; k < n; k++)
        {
            var pivot = k;
            for (var i = k + 1; i < n; i++)
            {
                if (Math.Abs(a[(i * n) + k]) > Math.Abs(a[(pivot * n) + k]))
                {
                    pivot = i;
                }
            }

            if (pivot != k)
            {
                for (var j = 0; j < n; j++)
                {
                    (a[(k * n) + j], a[(pivot * n) + j]) = (a[(pivot * n) + j], a[(k * n) + j]);
                }

                (b[k], b[pivot]) = (b[pivot], b[k]);
            }

            var diagonal = a[(k * n) + k];
            if (Math.Abs(diagonal) <= tiny)
            {
                continue;
            }

            for (var i = k + 1; i < n; i++)
            {
                var factor = a[(i * n) + k] / diagonal;
                if (factor == 0)
                {
                    continue;
                }

                for (var j = k; j < n; j++)
                {
                    a[(i * n) + j] -= factor * a[(k * n) + j];
                }

                b[i] -= factor * b[k];
            }
        }

        for (var k = n - 1; k >= 0; k--)
        {
            var diagonal = a[(k * n) + k];
            if (Math.Abs(diagonal) <= tiny)
            {
                b[k] = 0;
                continue;
            }

            var sum = b[k];
            for (var j = k + 1; j < n; j++)
            {
                sum -= a[(k * n) + j] * b[j];
            }

            b[k] = sum / diagonal;
        }
    }
}
