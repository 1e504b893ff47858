using ModelMonitoring.Recording;

namespace ModelMonitoring.Buffers;

/// <summary>The values of a prediction that few predictions have; see <see cref="PredictionExtrasStore"/>.</summary>
internal struct PredictionExtras
{
    public double PredictedValue;
    public ulong InputHash;
    public PredictionId CustomId;
    public string? ErrorKind;
    public string? Segment;
}
