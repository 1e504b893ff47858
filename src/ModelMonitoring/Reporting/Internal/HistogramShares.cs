namespace ModelMonitoring.Reporting.Internal;

/// <summary>
/// The share of the values in each of <c>bins</c> equal-width bins of [min, min + span]; a value outside falls in the
/// end bin on its side. One source compiled into both assemblies that draw these histograms, the HTML report's (here)
/// and the dashboard's (<c>ModelMonitoring.AspNetCore</c> links this file), so the two always bin alike.
/// </summary>
internal static class HistogramShares
{
    public static double[] Of(IReadOnlyCollection<double> values, double min, double span, int bins)
    {
        var shares = new double[bins];
        foreach (var value in values)
        {
            shares[Math.Clamp((int)((value - min) / span * bins), 0, bins - 1)]++;
        }

        for (var b = 0; b < bins && values.Count > 0; b++)
        {
            shares[b] /= values.Count;
        }

        return shares;
    }
}
