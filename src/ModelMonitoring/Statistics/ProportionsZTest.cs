namespace ModelMonitoring.Statistics;

/// <summary>The pooled two-proportion Z-test.</summary>
internal static class ProportionsZTest
{
    public static TwoSampleResult Test(long successes1, long trials1, long successes2, long trials2)
    {
        var p1 = (double)successes1 / trials1;
        var p2 = (double)successes2 / trials2;
        var pooled = (double)(successes1 + successes2) / (trials1 + trials2);
        var variance = pooled * (1 - pooled) * ((1.0 / trials1) + (1.0 / trials2));
        if (variance == 0)
        {
            // Pooled proportion 0 or 1: both samples are all failures or all successes.
            return new TwoSampleResult(TwoSampleMethods.ProportionsZTest, 0.0, 1.0);
        }

        var z = (p1 - p2) / Math.Sqrt(variance);
        return new TwoSampleResult(
            TwoSampleMethods.ProportionsZTest, z, Math.Clamp(2 * MannWhitney.NormalSurvival(Math.Abs(z)), 0.0, 1.0));
    }
}
