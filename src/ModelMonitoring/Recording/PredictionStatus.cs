namespace ModelMonitoring.Recording;

/// <summary>Whether a prediction succeeded.</summary>
public enum PredictionStatus
{
    /// <summary>The model produced an output.</summary>
    Success = 0,

    /// <summary>The model failed; <see cref="Prediction.ErrorKind"/> says how.</summary>
    Error = 1,
}
