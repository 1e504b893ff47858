using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>One detector's result in a check.</summary>
internal readonly record struct DetectorResult(string Detector, DatasetDriftResult Result);
