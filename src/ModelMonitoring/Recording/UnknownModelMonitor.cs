using ModelMonitoring.Buffers;

namespace ModelMonitoring.Recording;

/// <summary>Handed out for a model name that was not configured (see <see cref="UnknownModelMonitors"/>): counts every record as <see cref="DropReason.UnknownModel"/>.</summary>
internal sealed class UnknownModelMonitor : IModelMonitor
{
    private readonly DropCounters _drops;

    public UnknownModelMonitor(string name, DropCounters drops)
    {
        Model = new ModelSchema(string.IsNullOrWhiteSpace(name) ? "(unnamed)" : name, string.Empty, string.Empty, [], []);
        _drops = drops;
    }

    public ModelSchema Model { get; }

    public PredictionId RecordPrediction(in Prediction prediction)
    {
        _drops.Increment(DropReason.UnknownModel);
        return PredictionId.Empty;
    }

    public bool RecordGroundTruth(PredictionId predictionId, string actualClass) => Drop();

    public bool RecordGroundTruth(PredictionId predictionId, double actualValue) => Drop();

    public bool RecordMetric(string name, double value, string? unit = null, IReadOnlyDictionary<string, string>? metadata = null) => Drop();

    public bool RecordHealthCheck(ModelHealthStatus status, double score, IReadOnlyList<string>? issues = null) => Drop();

    public bool RecordAttributions(PredictionId predictionId, ReadOnlySpan<double> values, double? baseValue = null) => Drop();

    public bool RecordLimeExplanation(PredictionId predictionId, ReadOnlySpan<double> weights, double intercept, double score) => Drop();

    public bool RecordFeatureImportance(string version, IReadOnlyDictionary<string, double> importances) => Drop();

    public bool RecordFeatureImportance(string version, ReadOnlySpan<double> importances) => Drop();

    private bool Drop()
    {
        _drops.Increment(DropReason.UnknownModel);
        return false;
    }
}
