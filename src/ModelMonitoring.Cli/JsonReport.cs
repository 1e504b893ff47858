using System.Text.Json;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>Writes the drift result as one JSON object.</summary>
internal static class JsonReport
{
    public static void Write(
        TextWriter output, DatasetDriftResult result, IReadOnlyList<FeatureDriftResult> features, IReadOnlyList<ColumnSummary> summaries, DriftInput input, MultivariateReport? multivariate)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("drift_detected", result.DatasetDrifted || multivariate?.Result.Drifted == true);
            // Evidently's "drift_share" is the threshold; the measured share has its own name so neither is mistaken for the other.
            json.WriteNumber("drifted_share", result.DriftedShare);
            json.WriteNumber("drift_share_threshold", result.DriftShareThreshold);
            json.WriteNumber("drifted_columns", result.DriftedCount);
            json.WriteStartObject("rows");
            json.WriteNumber("reference", input.Reference.RowCount);
            json.WriteNumber("current", input.Current.RowCount);
            json.WriteEndObject();
            json.WriteStartArray("columns");
            for (var i = 0; i < features.Count; i++)
            {
                var feature = features[i];
                json.WriteStartObject();
                json.WriteString("name", feature.Feature);
                json.WriteString("type", feature.Kind == FeatureKind.Numeric ? "numeric" : "categorical");
                json.WriteString("method", feature.Method);
                json.WriteString("method_description", MethodTable.Description(feature.Method));
                Number(json, "statistic", feature.Statistic);
                Number(json, "p_value", feature.PValue);
                json.WriteNumber("threshold", feature.Threshold);
                json.WriteBoolean("drift_detected", feature.Drifted);
                if (feature.Details.Count > 0)
                {
                    json.WriteStartObject("details");
                    foreach (var (name, value) in feature.Details)
                    {
                        Number(json, name, value);
                    }

                    json.WriteEndObject();
                }

                WriteSummary(json, summaries[i]);
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

    private static void WriteSummary(Utf8JsonWriter json, ColumnSummary summary)
    {
        WriteSide(json, "reference", summary.Reference);
        WriteSide(json, "current", summary.Current);
        json.WriteStartObject("shift");
        if (summary.LargestShareChange is var (category, change))
        {
            json.WriteString("category", category);
            json.WriteNumber("share_change", change);
            json.WriteStartArray("new_categories");
            foreach (var name in summary.NewCategories)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteString("direction", summary.MeanChange > 0 ? "up" : summary.MeanChange < 0 ? "down" : "unchanged");
            json.WriteNumber("mean_change", summary.MeanChange);
        }

        json.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter json, string name, SideSummary side)
    {
        json.WriteStartObject(name);
        json.WriteNumber("rows", side.Rows);
        json.WriteNumber("missing_share", side.MissingShare);
        if (double.IsNaN(side.Mean))
        {
            json.WriteNumber("categories", side.Categories);
        }
        else
        {
            json.WriteNumber("mean", side.Mean);
            json.WriteNumber("p5", side.P5);
            json.WriteNumber("p50", side.P50);
            json.WriteNumber("p95", side.P95);
        }

        json.WriteEndObject();
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
