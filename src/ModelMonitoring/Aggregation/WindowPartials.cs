using ModelMonitoring.Aggregation.Quality;
using ModelMonitoring.Fleet;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Aggregation;

/// <summary>Turns a replica's closed window into its <see cref="WindowPartial"/>, and folds partials back into one window (fleet windows).</summary>
internal static class WindowPartials
{
    public static WindowPartial From(WindowState window, string model, string replica, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<string> customMetrics, IReadOnlyList<string>? features = null)
    {
        features ??= [];
        var quality = new List<FeatureQualityPartial>();
        for (var slot = 0; slot < window.Quality.Length && slot < features.Count; slot++)
        {
            ref readonly var q = ref window.Quality[slot];
            if (q.Values + q.Missing > 0)
            {
                var numeric = q.MinCategory is null && q.Values > 0;
                quality.Add(new FeatureQualityPartial
                {
                    Feature = features[slot],
                    Values = q.Values,
                    Missing = q.Missing,
                    Checked = q.Checked,
                    Outside = q.Outside,
                    Min = numeric ? q.Min : null,
                    Max = numeric ? q.Max : null,
                    MinCategory = q.MinCategory,
                    MaxCategory = q.MaxCategory,
                });
            }
        }

        var buckets = new Dictionary<int, long>();
        window.Latency.CopyBucketsTo(buckets);
        var custom = new List<CustomMetricPartial>();
        for (var slot = 0; slot < window.CustomMetrics.Length && slot < customMetrics.Count; slot++)
        {
            if (window.CustomMetrics[slot].Count > 0)
            {
                custom.Add(window.CustomMetrics[slot].ToPartial(customMetrics[slot]));
            }
        }

        return new WindowPartial
        {
            Model = model,
            Replica = replica,
            WindowStart = start,
            WindowEnd = end,
            Count = window.Count,
            Errors = window.Errors,
            LatencySumMs = window.LatencySumMs,
            LatencyMinMs = window.Latency.Count > 0 ? window.Latency.Min : null,
            LatencyMaxMs = window.Latency.Count > 0 ? window.Latency.Max : null,
            LatencyBuckets = buckets,
            ConfidenceSum = window.ConfidenceSum,
            ConfidenceCount = window.ConfidenceCount,
            ClassCounts = new Dictionary<string, long>(window.ClassCounts, StringComparer.Ordinal),
            LabelCount = window.LabelCount,
            CorrectCount = window.CorrectCount,
            ClassLabelCount = window.ClassLabelCount,
            AbsoluteErrorSum = window.AbsoluteErrorSum,
            ValueLabelCount = window.ValueLabelCount,
            CustomMetrics = custom,
            Quality = quality,
        };
    }

    /// <summary>
    /// Adds a partial to <paramref name="window"/>. Classes beyond <paramref name="maxClasses"/> distinct ones go to
    /// <see cref="RecordingLimits.OtherValue"/>, as in one process; a histogram from an incompatible version is left out of the percentiles.
    /// </summary>
    /// <returns><see langword="false"/> when the partial's latency histogram could not be merged.</returns>
    public static bool MergeInto(WindowState window, WindowPartial partial, IReadOnlyList<string> customMetrics, int maxClasses, IReadOnlyList<string>? features = null)
    {
        MergeQuality(window, partial, features ?? []);
        window.Count += partial.Count;
        window.Errors += partial.Errors;
        window.LatencySumMs += partial.LatencySumMs;
        var histogram = partial.LatencyMinMs is not { } min || partial.LatencyMaxMs is not { } max || window.Latency.Merge(partial.LatencyBuckets, min, max);
        window.ConfidenceSum += partial.ConfidenceSum;
        window.ConfidenceCount += partial.ConfidenceCount;
        foreach (var (label, count) in partial.ClassCounts)
        {
            var key = label;
            if (!window.ClassCounts.ContainsKey(key))
            {
                var tracked = window.ClassCounts.Count - (window.ClassCounts.ContainsKey(RecordingLimits.OtherValue) ? 1 : 0);
                if (tracked >= maxClasses && !string.Equals(key, RecordingLimits.OtherValue, StringComparison.Ordinal))
                {
                    key = RecordingLimits.OtherValue;
                }
            }

            window.ClassCounts[key] = window.ClassCounts.GetValueOrDefault(key) + count;
        }

        window.LabelCount += partial.LabelCount;
        window.CorrectCount += partial.CorrectCount;
        window.ClassLabelCount += partial.ClassLabelCount;
        window.AbsoluteErrorSum += partial.AbsoluteErrorSum;
        window.ValueLabelCount += partial.ValueLabelCount;
        if (window.CustomMetrics.Length != customMetrics.Count)
        {
            window.CustomMetrics = new CustomMetricWindow[customMetrics.Count];
        }

        foreach (var metric in partial.CustomMetrics)
        {
            for (var slot = 0; slot < customMetrics.Count; slot++)
            {
                if (string.Equals(customMetrics[slot], metric.Name, StringComparison.Ordinal))
                {
                    window.CustomMetrics[slot].Merge(metric);
                    break;
                }
            }
        }

        return histogram;
    }

    /// <summary>Adds a partial's data-quality counts to the window's, by feature name; a feature the model no longer declares is left out.</summary>
    private static void MergeQuality(WindowState window, WindowPartial partial, IReadOnlyList<string> features)
    {
        if (partial.Quality.Count == 0 || features.Count == 0)
        {
            return;
        }

        if (window.Quality.Length != features.Count)
        {
            window.Quality = new FeatureQuality[features.Count];
        }

        foreach (var q in partial.Quality)
        {
            for (var slot = 0; slot < features.Count; slot++)
            {
                if (string.Equals(features[slot], q.Feature, StringComparison.Ordinal))
                {
                    window.Quality[slot].Merge(new FeatureQuality
                    {
                        Values = q.Values,
                        Missing = q.Missing,
                        Checked = q.Checked,
                        Outside = q.Outside,
                        Min = q.Min ?? 0,
                        Max = q.Max ?? 0,
                        MinCategory = q.MinCategory,
                        MaxCategory = q.MaxCategory,
                    });
                    break;
                }
            }
        }
    }
}
