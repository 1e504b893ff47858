using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Methods;

/// <summary>Hands a statistics result to the drift layer, which names methods by their drift method name instead.</summary>
internal static class MeasurementConversion
{
    public static DriftMeasurement ToMeasurement(this TwoSampleResult result) => new(result.Statistic, result.PValue);
}
