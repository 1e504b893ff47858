namespace ModelMonitoring.Statistics;

/// <summary>
/// The Pelz-Good (1976) approximation to P(D_n ≤ x): the Li-Chien/Korolyuk expansion in powers of
/// n^(−1/2), with each term rewritten through the Jacobi theta identity so it converges quickly
/// for small √n·x.
/// </summary>
internal static class KolmogorovPelzGood
{
    private const double MinLog = -708;
    private const double PiSquared = Math.PI * Math.PI;
    private const double PiFour = PiSquared * PiSquared;
    private const double PiSix = PiFour * PiSquared;
    private static readonly double Sqrt2Pi = Math.Sqrt(2 * Math.PI);
    private static readonly double Sqrt3 = Math.Sqrt(3);

    public static double Cdf(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var qlog = -PiSquared / 8 / z2;
        if (qlog < MinLog)
        {
            return 0.0;
        }

        var q = Math.Exp(qlog);
        var k1a = -z2;
        var k1b = PiSquared / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * PiSquared / 4;
        var k2c = PiFour * (1 - (2 * z2)) / 16;
        var k3d = PiSix * (5 - (30 * z2)) / 64;
        var k3c = PiFour * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = PiSquared * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * Math.Pow(z, 8));

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * k);
            s0 = (s0 * qpower) + 1.0;
            s1 = (s1 * qpower) + k1a + (k1b * m2);
            s2 = (s2 * qpower) + k2a + (k2b * m2) + (k2c * m4);
            s3 = (s3 * qpower) + k3a + (k3b * m2) + (k3c * m4) + (k3d * m6);
        }

        var scale = q * Sqrt2Pi;
        s0 = s0 * scale / z;
        s1 = s1 * scale / (6 * z4);
        s2 = s2 * scale / (72 * Math.Pow(z, 7));
        s3 = s3 * scale / (6480 * Math.Pow(z, 10));

        var q2 = Math.Exp(-PiSquared / 2 / z2);
        var sqrt3z = Sqrt3 * z;
        double k2extra = 0, k3extra = 0;
        for (var k = maxk; k > 0; k--)
        {
            double ks2 = (double)k * k;
            var qp = Math.Pow(q2, ks2);
            var kspi = Math.PI * k;
            k2extra += ks2 * qp;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }

        s2 += k2extra * PiSquared * Sqrt2Pi / (-36 * z3);
        s3 += k3extra * PiSquared * Sqrt2Pi / (216 * z6);
        var rootN = Math.Sqrt(n);
        return s0 + (s1 / rootN) + (s2 / n) + (s3 / (n * rootN));
    }
}
