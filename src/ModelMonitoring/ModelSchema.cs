namespace ModelMonitoring;

/// <summary>A monitored model: its identity and the features it records.</summary>
public sealed class ModelSchema
{
    /// <summary>Initializes a new schema.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The model version.</param>
    /// <param name="environment">The deployment environment.</param>
    /// <param name="numericFeatures">The numeric feature names, in recording order.</param>
    /// <param name="categoricalFeatures">The categorical feature names, in recording order.</param>
    public ModelSchema(string name, string version, string environment, IReadOnlyList<string> numericFeatures, IReadOnlyList<string> categoricalFeatures)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(numericFeatures);
        ArgumentNullException.ThrowIfNull(categoricalFeatures);
        Name = name;
        Version = version;
        Environment = environment;
        NumericFeatures = [.. numericFeatures];
        CategoricalFeatures = [.. categoricalFeatures];
    }

    /// <summary>Gets the model name, unique within a monitoring pipeline.</summary>
    public string Name { get; }

    /// <summary>Gets the model version.</summary>
    public string Version { get; }

    /// <summary>Gets the deployment environment, such as "production".</summary>
    public string Environment { get; }

    /// <summary>Gets the numeric feature names, in the order values are recorded.</summary>
    public IReadOnlyList<string> NumericFeatures { get; }

    /// <summary>Gets the categorical feature names, in the order values are recorded.</summary>
    public IReadOnlyList<string> CategoricalFeatures { get; }

    /// <summary>
    /// Gets a classifier's classes, in the order its predictions give <see cref="Recording.Prediction.ClassProbabilities"/>;
    /// empty when the model declares none (then predictions carry no class probabilities).
    /// </summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Version} ({Environment})";
}
