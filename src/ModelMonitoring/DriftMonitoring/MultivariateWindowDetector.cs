using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Runs a <see cref="MultivariateDriftDetector"/> as one of a model's window detectors: fitted once per
/// reference (from the reference's row order), its result reported as one feature result per kept
/// component and one for the reconstruction error, so checks are stored and alerted on like any other.
/// </summary>
/// <remarks>Worker thread only. A reference it cannot be fitted on fails every check against it, each logged and counted.</remarks>
internal sealed class MultivariateWindowDetector(MultivariateDriftOptions options, int windowSize) : IDriftDetector
{
    public const string Name = nameof(MultivariateDriftDetector);

    public const string FeaturePrefix = "multivariate.";

    public const string ReconstructionFeature = FeaturePrefix + "reconstruction_error";

    public const string ReconstructionMethod = "pca_reconstruction";

    private ReferenceProfile? _fittedFor;
    private MultivariateDriftDetector? _fitted;
    private Exception? _fitError;

    public DatasetDriftResult Detect(
        ReferenceProfile reference,
        IReadOnlyDictionary<string, double[]> numericColumns,
        IReadOnlyDictionary<string, string[]>? categoricalColumns = null)
    {
        // The PCA reads rows whole, so a row with a missing value is left out.
        var result = FitFor(reference).Detect(MissingValues.CompleteRows(numericColumns));
        var features = new List<FeatureDriftResult>(result.Components.Count + 1);
        foreach (var component in result.Components)
        {
            var score = Math.Log(Math.Max(component.PValue, double.Epsilon)) / Math.Log(component.Threshold);
            features.Add(new FeatureDriftResult(
                $"{FeaturePrefix}pc{component.Index + 1}", FeatureKind.Numeric, DriftMethods.KolmogorovSmirnov,
                component.Statistic, component.PValue, component.Threshold, component.Drifted, Math.Clamp(score, 0, 1)));
        }

        // The error drifts outside [lower, upper]; its score is the distance from the middle in half-widths.
        var middle = (result.LowerBound + result.UpperBound) / 2;
        var halfWidth = (result.UpperBound - result.LowerBound) / 2;
        var errorScore = halfWidth > 0 ? Math.Abs(result.ReconstructionError - middle) / halfWidth : result.ReconstructionDrifted ? 1 : 0;
        features.Add(new FeatureDriftResult(
            ReconstructionFeature, FeatureKind.Numeric, ReconstructionMethod, result.ReconstructionError, null,
            result.UpperBound, result.ReconstructionDrifted, Math.Clamp(double.IsNaN(errorScore) ? 0 : errorScore, 0, 1)));

        // Drifted when any component or the error drifted, as MultivariateDriftResult.Drifted.
        return new DatasetDriftResult(features, 1.0 / features.Count);
    }

    private MultivariateDriftDetector FitFor(ReferenceProfile reference)
    {
        if (!ReferenceEquals(reference, _fittedFor))
        {
            _fittedFor = reference;
            _fitted = null;
            _fitError = null;
            try
            {
                var columns = reference.RowAlignedNumericColumns()
                    ?? throw new InvalidOperationException("The reference does not keep its row order; create it with ReferenceProfile.Create(..., keepRowOrder: true) or learn it.");
                var rows = columns.Count == 0 ? 0 : columns.First().Value.Length;
                _fitted = MultivariateDriftDetector.Fit(columns, new MultivariateDriftOptions
                {
                    ExplainedVariance = options.ExplainedVariance,
                    Components = options.Components,
                    Alpha = options.Alpha,
                    ChunkSize = options.ChunkSize ?? Math.Max(1, Math.Min(windowSize, rows / 10)),
                });
            }
            catch (Exception ex)
            {
                _fitError = ex;
            }
        }

        return _fitted ?? throw new InvalidOperationException($"The multivariate check cannot be fitted on this reference: {_fitError!.Message}", _fitError);
    }
}
