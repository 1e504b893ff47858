using ModelMonitoring.Recording;

namespace ModelMonitoring.Explainability;

/// <summary>
/// Where background explanations go: the model's own monitor (<see cref="MonitorAttributionRecorder"/>), so they take the
/// path of <c>IModelMonitor.RecordAttributions</c> and are validated, counted and stored like the application's.
/// </summary>
internal interface IAttributionRecorder
{
    void RecordAttributions(PredictionId predictionId, ReadOnlySpan<double> attributions, double? baseValue);
}

/// <summary>Records background explanations through the model's monitor, as the application would.</summary>
internal sealed class MonitorAttributionRecorder(IModelMonitor monitor) : IAttributionRecorder
{
    public void RecordAttributions(PredictionId predictionId, ReadOnlySpan<double> attributions, double? baseValue) =>
        monitor.RecordAttributions(predictionId, attributions, baseValue);
}
