namespace ModelMonitoring.Statistics;

/// <summary>
/// P(D_n ≤ x) by Pomeranz's recursion (1974): each row is the previous row convolved with
/// truncated Poisson weights, keeping only the band of non-zero entries; n! is applied at the end
/// with power-of-two rescaling.
/// </summary>
internal static class KolmogorovPomeranz
{
    private const int ScaleExponent = 128;
    private static readonly double Big = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double Small = Math.ScaleB(1.0, -ScaleExponent);

    public static double Cdf(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        var gpower = new double[npwrs];
        var twogpower = new double[npwrs];
        var onem2gpower = new double[npwrs];
        gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[npwrs];
        var v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var exponent = 0;
        var (j1, _) = Bounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, var j2) = Bounds(i, n, ll, ceilf, roundf);
            var weights = i == 1 || i == (2 * n) + 1 ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
            var ln2 = j2 - k1 + 1;
            if (ln2 <= 0)
            {
                continue;
            }

            var sourceStart = k1 - v0s;
            var sourceLength = Math.Min(ln2, npwrs - sourceStart);
            var convStart = j1 - k1;
            var convLength = j2 - j1 + 1;
            var max = 0.0;
            for (var c = 0; c < convLength; c++)
            {
                var index = convStart + c;
                var sum = 0.0;
                var lower = Math.Max(0, index - ln2 + 1);
                var upper = Math.Min(sourceLength - 1, index);
                for (var s = lower; s <= upper; s++)
                {
                    sum += v0[sourceStart + s] * weights[index - s];
                }

                v1[c] = sum;
                max = Math.Max(max, sum);
            }

            if (max > 0 && max < Small)
            {
                for (var c = 0; c < v1.Length; c++)
                {
                    v1[c] *= Big;
                }

                exponent -= ScaleExponent;
            }

            v1s = v0s + j1 - k1;
        }

        var answer = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Big)
            {
                answer *= Small;
                exponent += ScaleExponent;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Math.Clamp(answer, 0.0, 1.0);
    }

    // The first and last non-zero positions of row i.
    private static (int J1, int J2) Bounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }
}
