namespace ModelMonitoring.Statistics;

/// <summary>
/// Approximate significance level of the standardised two-sample Anderson-Darling statistic,
/// interpolated as SciPy does: a least-squares quadratic in the critical value fitted to
/// log(significance) at Scholz and Stephens' Table 2 points (m = k − 1 = 1). Outside the table
/// the level is capped at 0.25 or floored at 0.001, where SciPy also warns.
/// </summary>
internal static class AndersonDarlingSignificance
{
    public const double Cap = 0.25;
    public const double Floor = 0.001;

    private static readonly double[] Levels = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
    private static readonly double[] Critical = CriticalValues();
    private static readonly (double Center, double Scale, double C0, double C1, double C2) Fit = FitQuadratic();

    public static double Interpolate(double statistic)
    {
        if (statistic < Critical.Min())
        {
            return Cap;
        }

        if (statistic > Critical.Max())
        {
            return Floor;
        }

        var u = (statistic - Fit.Center) / Fit.Scale;
        return Math.Exp(Fit.C0 + (u * (Fit.C1 + (u * Fit.C2))));
    }

    private static double[] CriticalValues()
    {
        double[] b0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
        double[] b1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
        double[] b2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
        const double m = 1.0;
        var critical = new double[b0.Length];
        for (var i = 0; i < critical.Length; i++)
        {
            critical[i] = b0[i] + (b1[i] / Math.Sqrt(m)) + (b2[i] / m);
        }

        return critical;
    }

    // Least squares in a centred, scaled variable keeps the 3×3 normal equations well conditioned;
    // the fitted parabola is the same one NumPy's polyfit finds.
    private static (double, double, double, double, double) FitQuadratic()
    {
        var center = Critical.Average();
        var scale = (Critical.Max() - Critical.Min()) / 2;
        var matrix = new double[3, 4];
        for (var i = 0; i < Critical.Length; i++)
        {
            var u = (Critical[i] - center) / scale;
            double[] basis = [1, u, u * u];
            var target = Math.Log(Levels[i]);
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    matrix[r, c] += basis[r] * basis[c];
                }

                matrix[r, 3] += basis[r] * target;
            }
        }

        var solution = Solve3(matrix);
        return (center, scale, solution[0], solution[1], solution[2]);
    }

    private static double[] Solve3(double[,] m)
    {
        for (var col = 0; col < 3; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < 3; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var c = 0; c < 4; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            for (var r = col + 1; r < 3; r++)
            {
                var factor = m[r, col] / m[col, col];
                for (var c = col; c < 4; c++)
                {
                    m[r, c] -= factor * m[col, c];
                }
            }
        }

        var x = new double[3];
        for (var r = 2; r >= 0; r--)
        {
            var sum = m[r, 3];
            for (var c = r + 1; c < 3; c++)
            {
                sum -= m[r, c] * x[c];
            }

            x[r] = sum / m[r, r];
        }

        return x;
    }
}
