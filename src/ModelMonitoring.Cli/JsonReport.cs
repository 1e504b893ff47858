using System.Text.Json;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>Writes the drift result as one JSON object.</summary>
internal static class JsonReport
{
    public static void Write(TextWriter output, DatasetDriftResult result, IReadOnlyList<FeatureDriftResult> features)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("drift_detected", result.DatasetDrifted);
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
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
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
