using ModelMonitoring.Recording;

namespace ModelMonitoring.Explainability;

/// <summary>Explains one queued prediction and records the result; the worker thread alone calls it.</summary>
internal interface IInstanceExplainer
{
    int FeatureCount { get; }

    void ExplainAndRecord(PredictionId predictionId, ReadOnlySpan<double> row);
}

/// <summary>Kernel SHAP: attributions and the base value, recorded as with <c>RecordAttributions</c>.</summary>
internal sealed class ShapInstanceExplainer(KernelShapExplainer explainer, IAttributionRecorder recorder) : IInstanceExplainer
{
    private readonly double[] _attributions = new double[explainer.FeatureCount];

    public int FeatureCount => explainer.FeatureCount;

    public void ExplainAndRecord(PredictionId predictionId, ReadOnlySpan<double> row)
    {
        explainer.Explain(row, _attributions);
        recorder.RecordAttributions(predictionId, _attributions, explainer.BaseValue);
    }
}

/// <summary>LIME: the local surrogate's weights, intercept and R², recorded as with <c>RecordLimeExplanation</c>.</summary>
internal sealed class LimeInstanceExplainer(LimeExplainer explainer, IModelMonitor monitor) : IInstanceExplainer
{
    public int FeatureCount => explainer.FeatureCount;

    public void ExplainAndRecord(PredictionId predictionId, ReadOnlySpan<double> row)
    {
        var explanation = explainer.Explain(row);
        monitor.RecordLimeExplanation(predictionId, explanation.Coefficients, explanation.Intercept, explanation.Score);
    }
}
