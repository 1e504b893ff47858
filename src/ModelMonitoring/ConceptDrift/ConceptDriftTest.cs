using ModelMonitoring.Alerting;
using ModelMonitoring.Statistics;
using ModelMonitoring.Storage;

namespace ModelMonitoring.ConceptDrift;

/// <summary>
/// The statistics of one check: Welch's t-test of the reference windows' values against the current windows' values, as
/// SciPy's <c>ttest_ind(reference, current, equal_var=False)</c> with <c>alternative='greater'</c> for a metric that is better
/// higher and <c>'less'</c> for one better lower, and the degradation in percent of the reference mean.
/// </summary>
/// <remarks>
/// One-sided because only a degradation is concept drift: an improvement of the same size must never alert, and at the same
/// level the one-sided test finds a real degradation with fewer windows than a two-sided one would.
/// </remarks>
internal static class ConceptDriftTest
{
    public readonly record struct Period(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<double> Values);

    public static ConceptDriftCheck Run(string model, string metric, bool higherIsBetter, Period reference, Period current, ConceptDriftOptions options, DateTimeOffset checkedAt)
    {
        var (referenceMean, referenceVariance) = Moments.MeanAndVariance([.. reference.Values]);
        var (currentMean, currentVariance) = Moments.MeanAndVariance([.. current.Values]);
        var (t, df) = TTest.WelchStatistic(referenceMean, referenceVariance, reference.Values.Count, currentMean, currentVariance, current.Values.Count);
        var p = TTest.GreaterP(higherIsBetter ? t : -t, df);
        var degradation = DegradationPercent(referenceMean, currentMean, higherIsBetter);
        var drifted = p < options.Alpha && degradation >= options.MinDegradationPercent;
        return new ConceptDriftCheck
        {
            Model = model,
            Metric = metric,
            CheckedAt = checkedAt,
            ReferenceFrom = reference.From,
            ReferenceTo = reference.To,
            CurrentFrom = current.From,
            CurrentTo = current.To,
            ReferenceMean = referenceMean,
            ReferenceCount = reference.Values.Count,
            CurrentMean = currentMean,
            CurrentCount = current.Values.Count,
            TStatistic = t,
            DegreesOfFreedom = df,
            PValue = p,
            DegradationPercent = degradation,
            Drifted = drifted,
            Severity = drifted ? SeverityOf(p, degradation, options) : null,
        };
    }

    /// <summary>Critical when the degradation is at least the critical one and p is below 0.01; otherwise Warning.</summary>
    public static AlertSeverity SeverityOf(double p, double degradationPercent, ConceptDriftOptions options) =>
        degradationPercent >= options.CriticalDegradationPercent && p < ConceptDriftConstants.CriticalPValue ? AlertSeverity.Critical : AlertSeverity.Warning;

    /// <summary>(reference − current) / |reference| × 100, the sign flipped when lower is better; a zero reference gives 0 or +∞.</summary>
    public static double DegradationPercent(double referenceMean, double currentMean, bool higherIsBetter)
    {
        var worse = higherIsBetter ? referenceMean - currentMean : currentMean - referenceMean;
        if (referenceMean == 0)
        {
            return worse > 0 ? double.PositiveInfinity : 0;
        }

        return worse / Math.Abs(referenceMean) * 100;
    }
}
