namespace ModelMonitoring.Estimation;

/// <summary>
/// Measures the realized metrics of the reference and their sampling error: the standard deviation (ddof 1) of each
/// metric over bootstrap samples, kept as the deviation of one prediction (times √m) so that a window of n predictions
/// gets it over √n, the usual rate of means and ratios of counts.
/// </summary>
internal static class ReferenceSampling
{
    public static void Measure(ReferenceRows rows, double[] referenceValues, double[] unitDeviations)
    {
        var n = rows.Count;
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }

        var scores = new double[n];
        var outcomes = new double[n];
        rows.Realized(all, referenceValues, scores, outcomes);

        var m = Math.Min(n, CbpeReference.MaxBootstrapSize);
        var random = new Random(CbpeReference.BootstrapSeed);
        var sample = new int[m];
        var values = new double[CbpeMath.MetricCount];
        var sums = new double[CbpeMath.MetricCount];
        var squares = new double[CbpeMath.MetricCount];
        var counts = new int[CbpeMath.MetricCount];
        var draws = new double[CbpeReference.BootstrapSamples, CbpeMath.MetricCount];
        for (var b = 0; b < CbpeReference.BootstrapSamples; b++)
        {
            for (var j = 0; j < m; j++)
            {
                sample[j] = random.Next(n);
            }

            rows.Realized(sample, values, scores, outcomes);
            for (var metric = 0; metric < CbpeMath.MetricCount; metric++)
            {
                draws[b, metric] = values[metric];
                if (double.IsFinite(values[metric]))
                {
                    sums[metric] += values[metric];
                    counts[metric]++;
                }
            }
        }

        for (var metric = 0; metric < CbpeMath.MetricCount; metric++)
        {
            if (counts[metric] < 2)
            {
                unitDeviations[metric] = double.NaN;
                continue;
            }

            var mean = sums[metric] / counts[metric];
            for (var b = 0; b < CbpeReference.BootstrapSamples; b++)
            {
                if (double.IsFinite(draws[b, metric]))
                {
                    squares[metric] += (draws[b, metric] - mean) * (draws[b, metric] - mean);
                }
            }

            unitDeviations[metric] = Math.Sqrt(squares[metric] / (counts[metric] - 1)) * Math.Sqrt(m);
        }
    }
}
