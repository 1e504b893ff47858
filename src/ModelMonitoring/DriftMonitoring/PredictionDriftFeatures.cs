namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Names of the model's outputs as drift features (<see cref="DriftMonitoringOptions.PredictionDrift"/>): in a reference
/// profile, in drift results and in their alerts (<c>drift.prediction.score</c>, <c>drift.prediction.class</c>,
/// <c>drift.prediction.value</c>, and per declared class <c>drift.prediction.probability.&lt;class&gt;</c>).
/// </summary>
public static class PredictionDriftFeatures
{
    /// <summary>The confidence or score of each prediction, a numeric feature.</summary>
    public const string Score = "prediction.score";

    /// <summary>The predicted class of each prediction, a categorical feature (the class mix).</summary>
    public const string Class = "prediction.class";

    /// <summary>The predicted value of each prediction (regression), a numeric feature.</summary>
    public const string Value = "prediction.value";

    /// <summary>The start of the name of each class's probability (<see cref="Recording.Prediction.ClassProbabilities"/>), a numeric feature.</summary>
    public const string ProbabilityPrefix = "prediction.probability.";

    /// <summary>Gets the output name of a class's probability: <see cref="ProbabilityPrefix"/> and the class.</summary>
    /// <param name="className">A class the model declares (<see cref="Configuration.ModelOptions.Classes"/>).</param>
    /// <returns>The output name.</returns>
    public static string Probability(string className) => ProbabilityPrefix + className;

    /// <summary>Gets whether <paramref name="name"/> is one of the output names.</summary>
    /// <param name="name">A feature name.</param>
    /// <returns><see langword="true"/> for <see cref="Score"/>, <see cref="Class"/>, <see cref="Value"/> or a class's probability.</returns>
    public static bool IsOutput(string? name) => name is Score or Class or Value || (name?.StartsWith(ProbabilityPrefix, StringComparison.Ordinal) ?? false);
}
