namespace ModelMonitoring.Aggregation;

/// <summary>Running totals of one model over one aggregation window. Reused after the window closes.</summary>
internal sealed class WindowState
{
    public long Index { get; set; }

    public long Count { get; set; }

    public long Errors { get; set; }

    public double LatencySumMs { get; set; }

    public LatencyHistogram Latency { get; } = new();

    public double ConfidenceSum { get; set; }

    public long ConfidenceCount { get; set; }

    public Dictionary<string, long> ClassCounts { get; } = new(StringComparer.Ordinal);

    public long LabelCount { get; set; }

    public long CorrectCount { get; set; }

    public long ClassLabelCount { get; set; }

    public double AbsoluteErrorSum { get; set; }

    public long ValueLabelCount { get; set; }

    /// <summary>Gets or sets the summaries of the model's declared custom metrics, by declaration index; sized on first use.</summary>
    public CustomMetricWindow[] CustomMetrics { get; set; } = [];

    /// <summary>Gets or sets the data-quality counts per feature (numeric features, then categorical ones); sized on first use.</summary>
    public Quality.FeatureQuality[] Quality { get; set; } = [];
    /// <summary>Gets or sets the predictions kept for performance estimation (CBPE); created on first use.</summary>
    public Estimation.EstimationSample? Estimation { get; set; }

    public void Reset(long index)
    {
        Index = index;
        Count = Errors = ConfidenceCount = LabelCount = CorrectCount = ClassLabelCount = ValueLabelCount = 0;
        LatencySumMs = ConfidenceSum = AbsoluteErrorSum = 0;
        Latency.Clear();
        ClassCounts.Clear();
        Array.Clear(CustomMetrics);
        Array.Clear(Quality);
        Estimation?.Clear();
    }
}
