namespace ModelMonitoring.Explainability;

/// <summary>
/// How the background worker computes permutation importance on the model's labelled predictions
/// (<see cref="Configuration.ModelOptions.PermutationImportanceInBackground"/>).
/// </summary>
public sealed class BackgroundPermutationOptions
{
    /// <summary>Gets or sets the share of recorded predictions whose features are kept until their label arrives, above 0 and at most 1. The default value is 0.1.</summary>
    public double SampleRate { get; set; } = 0.1;

    /// <summary>Gets or sets how many labelled predictions one computation uses; it runs each time that many have joined their label. The default value is 500.</summary>
    public int Rows { get; set; } = 500;

    /// <summary>Gets or sets how many sampled predictions may wait for their label; beyond it the oldest waiting one is given up. The default value is 10,000.</summary>
    public int PendingCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets how many times each feature is shuffled. The default value is 5.</summary>
    public int Repeats { get; set; } = 5;

    /// <summary>Gets or sets the seed of the sampling and the shuffles. The default value is 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Gets or sets how a class label becomes the number the model and the scorer compare (for a classifier whose
    /// <see cref="BatchPredictor"/> returns a class index, for example); <see langword="null"/> (the default) uses only
    /// numeric labels (<c>RecordGroundTruth(id, double)</c>).
    /// </summary>
    public Func<string, double>? ClassValue { get; set; }
}
