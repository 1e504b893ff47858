using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>The fitted multivariate detector and its result, for the reports.</summary>
internal sealed record MultivariateReport(MultivariateDriftDetector Detector, MultivariateDriftResult Result);
