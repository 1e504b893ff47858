namespace ModelMonitoring.Explainability;

/// <summary>
/// LIME for tabular data (Ribeiro et al., 2016), as LIME's <c>LimeTabularExplainer</c> with continuous features
/// not discretized and <c>sample_around_instance=True</c>: perturbed rows x + std ⊙ N(0, 1) (the first is x itself),
/// standardized with the training means and standard deviations, weighted by an exponential kernel of their distance
/// to the instance, and fitted by weighted ridge regression on all features.
/// </summary>
/// <remarks>
/// Coefficients are per standard deviation of each feature, as LIME reports them; see
/// <see cref="LimeExplanation.Coefficients"/>. The buffers are reused, so an instance is not thread-safe: use one per
/// thread. The perturbations restart from the seed for every explanation, so explaining the same row twice gives the
/// same explanation.
/// </remarks>
public sealed class LimeExplainer
{
    private readonly BatchPredictor _model;
    private readonly LimeOptions _options;
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly double _kernelWidth;
    private readonly double[] _perturbed;
    private readonly double[] _scaled;
    private readonly double[] _outputs;
    private readonly double[] _weights;
    private readonly WeightedRidge _ridge;

    /// <summary>Creates an explainer of <paramref name="model"/> with feature scales from the training rows.</summary>
    /// <param name="model">The model to explain.</param>
    /// <param name="trainingRows">
    /// Rows that give each feature's mean and standard deviation (population, as scikit-learn's <c>StandardScaler</c>;
    /// a constant feature gets 1), row-major, <paramref name="featureCount"/> values each.
    /// </param>
    /// <param name="featureCount">The number of features of a row.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    public LimeExplainer(BatchPredictor model, ReadOnlySpan<double> trainingRows, int featureCount, LimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new LimeOptions();
        options.Validate();
        var rowCount = ExplainerArguments.RowCount(trainingRows, featureCount, nameof(trainingRows), LimeConstants.MaxTrainingRows);

        _model = model;
        _options = new LimeOptions { Samples = options.Samples, KernelWidth = options.KernelWidth, RidgeAlpha = options.RidgeAlpha, Seed = options.Seed };
        FeatureCount = featureCount;
        (_means, _scales) = Standardization(trainingRows, rowCount, featureCount);
        _kernelWidth = options.KernelWidth ?? (LimeConstants.DefaultKernelWidthPerSqrtFeature * Math.Sqrt(featureCount));
        _perturbed = new double[options.Samples * featureCount];
        _scaled = new double[options.Samples * featureCount];
        _outputs = new double[options.Samples];
        _weights = new double[options.Samples];
        _ridge = new WeightedRidge(featureCount);
    }

    /// <summary>Gets the number of features of a row.</summary>
    public int FeatureCount { get; }

    /// <summary>Gets the kernel width in use (<see cref="LimeOptions.KernelWidth"/> or 0.75 × sqrt(features)).</summary>
    public double KernelWidth => _kernelWidth;

    /// <summary>Gets the standard deviation of each feature over the training rows (1 for a constant feature): the unit of the coefficients.</summary>
    public ReadOnlySpan<double> FeatureScales => _scales;

    /// <summary>Explains the model's output for <paramref name="instance"/>.</summary>
    /// <param name="instance">The row to explain, <see cref="FeatureCount"/> finite values.</param>
    /// <returns>The local linear model.</returns>
    public LimeExplanation Explain(ReadOnlySpan<double> instance)
    {
        ExplainerArguments.Instance(instance, FeatureCount, nameof(instance));
        Perturb(instance);
        _model(_perturbed, _outputs);
        foreach (var output in _outputs)
        {
            if (!double.IsFinite(output))
            {
                throw new InvalidOperationException("The model returned a value that is not finite (NaN or infinity); explanations need finite outputs.");
            }
        }

        Weigh();

        var coefficients = new double[FeatureCount];
        var (intercept, score) = _ridge.Fit(_scaled, _outputs, _weights, _options.RidgeAlpha, coefficients);
        var local = WeightedRidge.Predict(_scaled.AsSpan(0, FeatureCount), coefficients, intercept);
        return new LimeExplanation(coefficients, intercept, score, local, _outputs[0]);
    }

    private void Perturb(ReadOnlySpan<double> instance)
    {
        var m = FeatureCount;
        var random = new SplitMix64(_options.Seed);
        instance.CopyTo(_perturbed);
        for (var k = 1; k < _options.Samples; k++)
        {
            for (var j = 0; j < m; j++)
            {
                _perturbed[(k * m) + j] = (random.NextGaussian() * _scales[j]) + instance[j];
            }
        }

        for (var i = 0; i < _perturbed.Length; i++)
        {
            var j = i % m;
            _scaled[i] = (_perturbed[i] - _means[j]) / _scales[j];
        }
    }

    private void Weigh()
    {
        var m = FeatureCount;
        var origin = _scaled.AsSpan(0, m);
        var widthSquared = _kernelWidth * _kernelWidth;
        for (var k = 0; k < _weights.Length; k++)
        {
            var row = _scaled.AsSpan(k * m, m);
            var distanceSquared = 0.0;
            for (var j = 0; j < m; j++)
            {
                var d = row[j] - origin[j];
                distanceSquared += d * d;
            }

            _weights[k] = Math.Sqrt(Math.Exp(-distanceSquared / widthSquared));
        }
    }

    private static (double[] Means, double[] Scales) Standardization(ReadOnlySpan<double> rows, int rowCount, int featureCount)
    {
        var means = new double[featureCount];
        var scales = new double[featureCount];
        for (var r = 0; r < rowCount; r++)
        {
            for (var j = 0; j < featureCount; j++)
            {
                means[j] += rows[(r * featureCount) + j];
            }
        }

        for (var j = 0; j < featureCount; j++)
        {
            means[j] /= rowCount;
        }

        for (var r = 0; r < rowCount; r++)
        {
            for (var j = 0; j < featureCount; j++)
            {
                var d = rows[(r * featureCount) + j] - means[j];
                scales[j] += d * d;
            }
        }

        for (var j = 0; j < featureCount; j++)
        {
            var scale = Math.Sqrt(scales[j] / rowCount);
            scales[j] = scale > 0 ? scale : 1.0;
        }

        return (means, scales);
    }
}
