namespace ModelMonitoring.Tests.Statistics;

/// <summary>Relative comparison against SciPy with an absolute floor only for an expected exact zero.</summary>
internal static class Tolerance
{
    public const double Relative = 1e-6;
    public const double ZeroFloor = 1e-12;

    public static void ShouldMatch(this double actual, double expected, string what)
    {
        if (double.IsNaN(expected))
        {
            double.IsNaN(actual).ShouldBeTrue($"{what}: expected NaN, got {actual:R}");
            return;
        }

        if (double.IsInfinity(expected) || expected == 0)
        {
            var ok = double.IsInfinity(expected) ? actual == expected : Math.Abs(actual) <= ZeroFloor;
            ok.ShouldBeTrue($"{what}: expected {expected:R}, got {actual:R}");
            return;
        }

        var relative = Math.Abs(actual - expected) / Math.Abs(expected);
        (relative <= Relative).ShouldBeTrue($"{what}: expected {expected:R}, got {actual:R} (relative error {relative:E2})");
    }
}
