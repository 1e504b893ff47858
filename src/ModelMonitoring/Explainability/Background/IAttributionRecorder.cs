using ModelMonitoring.Recording;

namespace ModelMonitoring.Explainability;

/// <summary>
/// Where background explanations go. Internal until the attribution recording API lands
/// (<c>IModelMonitor.RecordAttributions(PredictionId, ReadOnlySpan&lt;double&gt;, double?)</c>); at merge an adapter over it
/// is the only implementation.
/// </summary>
internal interface IAttributionRecorder
{
    void RecordAttributions(PredictionId predictionId, ReadOnlySpan<double> attributions, double? baseValue);
}
