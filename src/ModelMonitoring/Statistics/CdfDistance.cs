namespace ModelMonitoring.Statistics;

/// <summary>
/// Distances between empirical CDFs integrated over the pooled support, as SciPy's
/// <c>_cdf_distance</c>: Σ |F(x_k) − G(x_k)|^p (x_{k+1} − x_k) over the sorted pooled values.
/// </summary>
internal static class CdfDistance
{
    /// <summary>∫ |F − G| dx, the first Wasserstein distance.</summary>
    public static double Wasserstein(ReadOnlySpan<double> u, ReadOnlySpan<double> v) => Integrate(u, v, squared: false);

    /// <summary>√2 · (∫ (F − G)² dx)^½, the energy distance.</summary>
    public static double Energy(ReadOnlySpan<double> u, ReadOnlySpan<double> v) =>
        Math.Sqrt(2) * Math.Sqrt(Integrate(u, v, squared: true));

    private static double Integrate(ReadOnlySpan<double> u, ReadOnlySpan<double> v, bool squared)
    {
        double nu = u.Length;
        double nv = v.Length;
        int i = 0, j = 0;
        var sum = 0.0;
        var previous = j >= v.Length || (i < u.Length && u[i] <= v[j]) ? u[i] : v[j];
        while (i < u.Length || j < v.Length)
        {
            // Advance past every pooled value equal to the current one; zero-width steps add nothing.
            var current = j >= v.Length || (i < u.Length && u[i] <= v[j]) ? u[i] : v[j];
            if (current != previous)
            {
                var gap = (i / nu) - (j / nv);
                sum += (squared ? gap * gap : Math.Abs(gap)) * (current - previous);
                previous = current;
            }

            while (i < u.Length && u[i] == current)
            {
                i++;
            }

            while (j < v.Length && v[j] == current)
            {
                j++;
            }
        }

        return sum;
    }
}
