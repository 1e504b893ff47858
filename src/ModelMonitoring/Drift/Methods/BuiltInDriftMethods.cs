namespace ModelMonitoring.Drift.Methods;

/// <summary>
/// The one place where the built-in drift methods are registered: every catalog starts with these,
/// in this order, which is the order of help texts and error messages.
/// </summary>
internal static class BuiltInDriftMethods
{
    public static DriftMethod[] Create() =>
    [
        new KolmogorovSmirnovMethod(),
        new MannWhitneyMethod(),
        new TTestMethod(),
        new ZTestMethod(),
        new ChiSquareMethod(),
        new AndersonDarlingMethod(),
        new CramerVonMisesMethod(),
        new EnergyMethod(),
        new WassersteinMethod(),
        new PopulationStabilityIndexMethod(),
        new JensenShannonMethod(),
        new KullbackLeiblerMethod(),
        new HellingerMethod(),
        new CombinedMethod(),
    ];
}
