using System.Text.Json;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>Writes the drift result as one JSON object.</summary>
internal static class JsonReport
{
    public static void Write(TextWriter output, DatasetDriftResult result, IReadOnlyList<FeatureDriftResult> features, MultivariateReport? multivariate)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("drift_detected", result.DatasetDrifted || multivariate?.Result.Drifted == true);
            json.WriteNumber("drift_share", result.DriftedShare);
            json.WriteStartArray("columns");
            foreach (var feature in features)
            {
                json.WriteStartObject();
                json.WriteString("name", feature.Feature);
                json.WriteString("type", feature.Kind == FeatureKind.Numeric ? "numeric" : "categorical");
                json.WriteString("method", feature.Method);
                Number(json, "statistic", feature.Statistic);
                Number(json, "p_value", feature.PValue);
                json.WriteNumber("threshold", feature.Threshold);
                json.WriteBoolean("drift_detected", feature.Drifted);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (multivariate is not null)
            {
                WriteMultivariate(json, multivariate);
            }

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteMultivariate(Utf8JsonWriter json, MultivariateReport multivariate)
    {
        var (detector, result) = multivariate;
        json.WriteStartObject("multivariate");
        json.WriteBoolean("drift_detected", result.Drifted);
        json.WriteStartArray("columns");
        foreach (var feature in detector.Features)
        {
            json.WriteStringValue(feature);
        }

        json.WriteEndArray();
        json.WriteStartArray("components");
        foreach (var component in result.Components)
        {
            json.WriteStartObject();
            json.WriteNumber("index", component.Index);
            json.WriteNumber("explained_variance_ratio", component.ExplainedVarianceRatio);
            json.WriteNumber("statistic", component.Statistic);
            json.WriteNumber("p_value", component.PValue);
            json.WriteNumber("threshold", component.Threshold);
            json.WriteBoolean("drift_detected", component.Drifted);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("reconstruction_error", result.ReconstructionError);
        json.WriteNumber("lower_bound", result.LowerBound);
        json.WriteNumber("upper_bound", result.UpperBound);
        json.WriteNumber("chunk_size", detector.ChunkSize);
        json.WriteNumber("chunks", result.ReferenceChunkCount);
        json.WriteBoolean("reconstruction_drift_detected", result.ReconstructionDrifted);
        json.WriteEndObject();
    }

    // JSON has no NaN: a p-value that is undefined (constant samples in the t-test) is written as null.
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
