namespace ModelMonitoring.Explainability;

/// <summary>
/// Kernel SHAP: attributes a prediction to the features with Shapley values of the game
/// v(S) = mean over the background rows b of f(x_S, b_rest) (features outside S taken from the background,
/// as the independent-features Kernel SHAP does).
/// </summary>
/// <remarks>
/// <para>
/// Up to <see cref="KernelShapOptions.MaxExactFeatures"/> features every coalition is evaluated and the attributions
/// are the exact Shapley values; above it <see cref="KernelShapOptions.SampledCoalitions"/> coalitions are drawn with
/// the Kernel SHAP weighting and the attributions are fitted by least squares under the additivity constraint. In both
/// modes the base value plus the attributions equals the prediction (to rounding).
/// </para>
/// <para>
/// An explanation costs coalitions x background rows model evaluations (1,024 x 100 for 10 features, exact), passed to
/// the model in batches; the buffers are reused, so an instance is not thread-safe: use one per thread.
/// </para>
/// </remarks>
public sealed class KernelShapExplainer
{
    private readonly CoalitionEvaluator _evaluator;
    private readonly byte[] _coalitions;
    private readonly double[] _values;
    private readonly double[]? _exactWeights;
    private readonly SampledShapley? _sampled;

    /// <summary>Creates an explainer of <paramref name="model"/> against the background rows.</summary>
    /// <param name="model">The model to explain.</param>
    /// <param name="background">
    /// Background rows, row-major, <paramref name="featureCount"/> values each (a sample of training or recent inputs;
    /// 50 to 200 rows are typical). Copied.
    /// </param>
    /// <param name="featureCount">The number of features of a row.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    public KernelShapExplainer(BatchPredictor model, ReadOnlySpan<double> background, int featureCount, KernelShapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new KernelShapOptions();
        options.Validate();
        ExplainerArguments.RowCount(background, featureCount, nameof(background), KernelShapConstants.MaxBackgroundRows);

        FeatureCount = featureCount;
        IsExact = featureCount <= Math.Max(1, options.MaxExactFeatures);
        _evaluator = new CoalitionEvaluator(model, background, featureCount);
        if (IsExact)
        {
            _coalitions = ExactShapley.AllCoalitions(featureCount);
            _exactWeights = ExactShapley.Weights(featureCount);
            _values = new double[1 << featureCount];
        }
        else
        {
            _sampled = new SampledShapley(featureCount, options.SampledCoalitions, options.Seed);
            _coalitions = _sampled.Coalitions;
            _values = new double[_sampled.Count];
        }

        Span<double> baseValue = stackalloc double[1];
        _evaluator.Evaluate(new double[featureCount], new byte[featureCount], baseValue);
        BaseValue = baseValue[0];
    }

    /// <summary>Gets the number of features of a row.</summary>
    public int FeatureCount { get; }

    /// <summary>Gets the expected output over the background, E[f(background)], which every explanation starts from.</summary>
    public double BaseValue { get; }

    /// <summary>Gets whether explanations are exact (at most <see cref="KernelShapOptions.MaxExactFeatures"/> features).</summary>
    public bool IsExact { get; }

    /// <summary>Gets the number of coalitions evaluated per explanation (2^features when exact).</summary>
    public int CoalitionCount => _values.Length;

    /// <summary>Explains the model's output for <paramref name="instance"/>.</summary>
    /// <param name="instance">The row to explain, <see cref="FeatureCount"/> finite values.</param>
    /// <returns>The attributions, base value and prediction.</returns>
    public ShapExplanation Explain(ReadOnlySpan<double> instance)
    {
        var attributions = new double[FeatureCount];
        var prediction = Explain(instance, attributions);
        return new ShapExplanation(attributions, BaseValue, prediction, IsExact);
    }

    /// <summary>Explains the model's output for <paramref name="instance"/> into a caller's buffer, allocating nothing.</summary>
    /// <param name="instance">The row to explain, <see cref="FeatureCount"/> finite values.</param>
    /// <param name="attributions">Receives one attribution per feature; at least <see cref="FeatureCount"/> long.</param>
    /// <returns>The model's output for the instance, f(x) (= <see cref="BaseValue"/> + the sum of the attributions).</returns>
    public double Explain(ReadOnlySpan<double> instance, Span<double> attributions)
    {
        ExplainerArguments.Instance(instance, FeatureCount, nameof(instance));
        if (attributions.Length < FeatureCount)
        {
            throw new ArgumentException("The attributions buffer is shorter than the feature count.", nameof(attributions));
        }

        attributions = attributions[..FeatureCount];
        _evaluator.Evaluate(instance, _coalitions, _values);
        if (_sampled is null)
        {
            ExactShapley.Attribute(_values, _exactWeights!, attributions);
            return _values[^1];
        }

        var prediction = _evaluator.Predict(instance);
        _sampled.Attribute(_values, BaseValue, prediction, attributions);
        return prediction;
    }
}
