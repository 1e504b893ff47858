namespace ModelMonitoring.Statistics;

/// <summary>
/// P(D_n ≤ d) by Durbin's matrix method as arranged by Marsaglia, Tsang and Wang (2003): the
/// k-th diagonal element of H^n scaled by n!/n^n, with powers of two tracked separately so the
/// intermediate products neither overflow nor underflow.
/// </summary>
internal static class KolmogorovDurbinMatrix
{
    private const int ScaleExponent = 128;
    private static readonly double Big = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double Small = Math.ScaleB(1.0, -ScaleExponent);

    public static double Cdf(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var matrix = InitialMatrix(h, m);

        var power = Identity(m);
        var scratch = new double[m * m];
        var nn = n;
        var exponent = 0;
        var matrixExponent = 0;
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                Multiply(power, matrix, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += matrixExponent;
            }

            Multiply(matrix, matrix, scratch, m);
            (matrix, scratch) = (scratch, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[((k - 1) * m) + k - 1]) > Big)
            {
                for (var i = 0; i < matrix.Length; i++)
                {
                    matrix[i] /= Big;
                }

                matrixExponent += ScaleExponent;
            }

            nn /= 2;
        }

        var p = power[((k - 1) * m) + k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Small)
            {
                p *= Big;
                exponent -= ScaleExponent;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Math.Clamp(p, 0.0, 1.0);
    }

    private static double[] InitialMatrix(double h, int m)
    {
        var v = new double[m];
        var w = new double[m];
        var factorial = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = factorial;
            factorial /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * factorial;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * factorial;

        var matrix = new double[m * m];
        for (var column = 1; column < m; column++)
        {
            for (var row = column - 1; row < m; row++)
            {
                matrix[(row * m) + column] = w[row - column + 1];
            }
        }

        for (var row = 0; row < m; row++)
        {
            matrix[row * m] = v[row];
        }

        for (var column = 0; column < m; column++)
        {
            matrix[((m - 1) * m) + column] = v[m - 1 - column];
        }

        return matrix;
    }

    private static double[] Identity(int m)
    {
        var identity = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            identity[(i * m) + i] = 1.0;
        }

        return identity;
    }

    private static void Multiply(double[] left, double[] right, double[] result, int m)
    {
        Array.Clear(result);
        for (var i = 0; i < m; i++)
        {
            for (var k = 0; k < m; k++)
            {
                var a = left[(i * m) + k];
                if (a == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[(i * m) + j] += a * right[(k * m) + j];
                }
            }
        }
    }
}
