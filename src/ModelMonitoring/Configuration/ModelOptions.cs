using ModelMonitoring.ConceptDrift;
using ModelMonitoring.Drift.Streaming;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Explainability;

namespace ModelMonitoring.Configuration;

/// <summary>Declares one monitored model: its identity, feature schema, alert thresholds and drift monitoring.</summary>
/// <remarks>Created by <see cref="ModelMonitoringOptions.AddModel(string, Action{ModelOptions})"/>; every method returns the same instance for chaining.</remarks>
public sealed class ModelOptions
{
    private readonly List<string> _numericFeatures = [];
    private readonly List<string> _categoricalFeatures = [];
    private readonly List<string> _classes = [];
    private readonly List<MetricThreshold> _thresholds = [];
    private readonly List<string> _customMetrics = [];
    private readonly List<StreamingDetectorOptions> _streamingDetectors = [];

    internal ModelOptions(string name) => Name = name;

    /// <summary>Gets the model name.</summary>
    public string Name { get; }

    /// <summary>Gets the model version. The default value is "unversioned".</summary>
    public string ModelVersion { get; private set; } = "unversioned";

    /// <summary>Gets the deployment environment. The default value is "default".</summary>
    public string ModelEnvironment { get; private set; } = "default";

    /// <summary>Gets the numeric feature names, in recording order.</summary>
    public IReadOnlyList<string> NumericFeatureNames => _numericFeatures;

    /// <summary>Gets the categorical feature names, in recording order.</summary>
    public IReadOnlyList<string> CategoricalFeatureNames => _categoricalFeatures;

    /// <summary>Gets the classes a classifier's <see cref="Recording.Prediction.ClassProbabilities"/> are given for, in that order (see <see cref="Classes"/>); empty when none are declared.</summary>
    public IReadOnlyList<string> ClassNames => _classes;

    /// <summary>Gets the alert thresholds on window metrics.</summary>
    public IReadOnlyList<MetricThreshold> Thresholds => _thresholds;

    /// <summary>Gets the custom metric names declared with <see cref="CustomMetrics"/>.</summary>
    public IReadOnlyList<string> CustomMetricNames => _customMetrics;

    /// <summary>Gets the continuous drift monitoring settings, or <see langword="null"/> when drift is not monitored (the default).</summary>
    public DriftMonitoringOptions? DriftMonitoring { get; private set; }

    /// <summary>Gets how the model's explanations and feature importance are monitored (see <see cref="Explainability(Action{ExplainabilityOptions})"/>); the defaults when not configured.</summary>
    public ExplainabilityOptions ExplainabilityMonitoring { get; } = new();

    /// <summary>Gets how the model's health score is computed for each closed window (see <see cref="Health(Action{ModelMonitoring.Health.HealthOptions})"/>); the defaults when not configured.</summary>
    public ModelMonitoring.Health.HealthOptions HealthScoring { get; } = new();

    /// <summary>Gets the built-in Kernel SHAP explainer the worker runs on a sample of the model's predictions, or <see langword="null"/> (the default).</summary>
    public KernelShapExplainer? BackgroundExplainer { get; private set; }

    /// <summary>Gets the built-in LIME explainer the worker runs on a sample of the model's predictions, or <see langword="null"/> (the default).</summary>
    public LimeExplainer? BackgroundLimeExplainer { get; private set; }

    /// <summary>Gets the model and scorer of the background permutation importance, or <see langword="null"/> (the default).</summary>
    public (BatchPredictor Model, PermutationScorer Scorer)? BackgroundPermutationModel { get; private set; }

    /// <summary>Gets the settings of the background permutation importance.</summary>
    public BackgroundPermutationOptions BackgroundPermutation { get; } = new();

    /// <summary>Gets the sampling and budget of <see cref="BackgroundExplainer"/>.</summary>
    public BackgroundExplanationOptions BackgroundExplanation { get; } = new();

    /// <summary>Gets the streaming detectors watching the model's per-label errors, added with <see cref="StreamingDetector"/>.</summary>
    public IReadOnlyList<StreamingDetectorOptions> StreamingDetectors => _streamingDetectors;

    /// <summary>
    /// Gets what the recording path does with a NaN numeric feature, set with <see cref="MissingValues"/>.
    /// The default value is <see cref="Recording.MissingValueHandling.CountAsMissing"/>.
    /// </summary>
    public Recording.MissingValueHandling MissingValueHandling { get; private set; } = Recording.MissingValueHandling.CountAsMissing;

    /// <summary>Gets the concept drift check's settings, or <see langword="null"/> when concept drift is not checked (the default).</summary>
    public ConceptDriftOptions? ConceptDriftMonitoring { get; private set; }

    /// <summary>Gets the performance estimation (CBPE) settings, or <see langword="null"/> when performance is not estimated (the default).</summary>
    public Estimation.PerformanceEstimationOptions? PerformanceEstimation { get; private set; }

    internal bool EmptyNumericListDeclared { get; private set; }

    internal bool EmptyCategoricalListDeclared { get; private set; }

    /// <summary>Gets whether <see cref="Classes"/> was called with no names (a configuration mistake, reported at validation).</summary>
    internal bool EmptyClassListDeclared { get; private set; }

    /// <summary>Sets the model version.</summary>
    /// <param name="version">The version, such as "1.4.0".</param>
    /// <returns>This instance.</returns>
    public ModelOptions Version(string version)
    {
        ModelVersion = version;
        return this;
    }

    /// <summary>Sets the deployment environment.</summary>
    /// <param name="environment">The environment, such as "production".</param>
    /// <returns>This instance.</returns>
    public ModelOptions Environment(string environment)
    {
        ModelEnvironment = environment;
        return this;
    }

    /// <summary>
    /// Sets what a NaN numeric feature does: with <see cref="Recording.MissingValueHandling.CountAsMissing"/> (the default) the
    /// prediction is stored with the value missing and counted in <c>quality.&lt;feature&gt;.missing_share</c>; with
    /// <see cref="Recording.MissingValueHandling.Reject"/> it is dropped as <see cref="Recording.DropReason.InvalidValue"/>.
    /// Configuration key <c>MissingValues</c>. Read at start, like the features: a configuration reload does not change it.
    /// </summary>
    /// <param name="handling">The handling.</param>
    /// <returns>This instance.</returns>
    public ModelOptions MissingValues(Recording.MissingValueHandling handling)
    {
        MissingValueHandling = handling;
        return this;
    }

    /// <summary>Declares numeric features; values are recorded in this order.</summary>
    /// <param name="names">One or more feature names.</param>
    /// <returns>This instance.</returns>
    public ModelOptions NumericFeatures(params string[] names)
    {
        EmptyNumericListDeclared |= names is null || names.Length == 0;
        _numericFeatures.AddRange(names ?? []);
        return this;
    }

    /// <summary>Declares categorical features; values are recorded in this order.</summary>
    /// <param name="names">One or more feature names.</param>
    /// <returns>This instance.</returns>
    public ModelOptions CategoricalFeatures(params string[] names)
    {
        EmptyCategoricalListDeclared |= names is null || names.Length == 0;
        _categoricalFeatures.AddRange(names ?? []);
        return this;
    }

    /// <summary>
    /// Declares a classifier's classes, in the order its predictions give <see cref="Recording.Prediction.ClassProbabilities"/>
    /// (one probability per class, summing to 1). From 2 to 1,000 distinct class labels. With them, performance estimation
    /// (<see cref="EstimatePerformance"/>) estimates multiclass ROC AUC, and a reference built with
    /// <see cref="Estimation.CbpeReference.Create(IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{IReadOnlyList{double}}, IReadOnlyList{string})"/>
    /// must name the same classes in the same order. Configuration key <c>Classes</c>. Read at start, like the features.
    /// Each class adds 8 bytes to every slot of the model's recording buffer
    /// (<see cref="ModelMonitoringOptions.BufferCapacity"/> slots: 128 KB per class by default).
    /// </summary>
    /// <param name="names">The class labels.</param>
    /// <returns>This instance.</returns>
    public ModelOptions Classes(params string[] names)
    {
        EmptyClassListDeclared |= names is null || names.Length == 0;
        _classes.AddRange(names ?? []);
        return this;
    }

    /// <summary>Adds limits on a window metric that raise alerts when crossed.</summary>
    /// <param name="metric">A window metric name (see <see cref="Aggregation.WindowMetricNames"/>) or a custom metric declared with <see cref="CustomMetrics"/>.</param>
    /// <param name="configure">Sets the limits.</param>
    /// <returns>This instance.</returns>
    public ModelOptions Threshold(string metric, Action<MetricThreshold> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var threshold = new MetricThreshold(metric);
        configure(threshold);
        _thresholds.Add(threshold);
        return this;
    }

    /// <summary>
    /// Declares metrics the application records with <see cref="Recording.IModelMonitor.RecordMetric"/> that thresholds and
    /// alert rules may use: their values are summarised per aggregation window (see <see cref="Aggregation.MetricAggregation"/>)
    /// and checked like the built-in window metrics. Up to 100 names per model; a name must not be a built-in window metric.
    /// Values under undeclared names are stored but not aggregated.
    /// </summary>
    /// <param name="names">One or more metric names, as passed to <c>RecordMetric</c>.</param>
    /// <returns>This instance.</returns>
    public ModelOptions CustomMetrics(params string[] names)
    {
        _customMetrics.AddRange(names ?? []);
        return this;
    }

    /// <summary>
    /// Monitors drift continuously: the model's recent predictions are compared with a reference
    /// profile on a fixed interval, and drift raises alerts. Calling it again configures the same settings.
    /// </summary>
    /// <param name="configure">Sets the window, interval, reference and detector options.</param>
    /// <returns>This instance.</returns>
    public ModelOptions Drift(Action<DriftMonitoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        DriftMonitoring ??= new DriftMonitoringOptions();
        configure(DriftMonitoring);
        return this;
    }

    /// <summary>
    /// Configures how the model's explanations are monitored: window importance and attribution drift from recorded
    /// attributions, and importance drift between versions. Calling it again configures the same settings.
    /// </summary>
    /// <param name="configure">Sets the check interval, window sizes, top-k and thresholds.</param>
    /// <returns>This instance.</returns>
    public ModelOptions Explainability(Action<ExplainabilityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(ExplainabilityMonitoring);
        return this;
    }

    /// <summary>
    /// Explains a sample of the model's recorded predictions on the background worker with a Kernel SHAP explainer over
    /// the model (a <see cref="BatchPredictor"/> and a background sample, see <see cref="KernelShapExplainer"/>), within a
    /// per-cycle count and time budget. The attributions are recorded as if with
    /// <see cref="Recording.IModelMonitor.RecordAttributions"/>: stored by the provider, and read by attribution drift and
    /// window importance. The explainer's features are the model's numeric features, in order. A model that throws is
    /// counted as a drift stage failure and logged; the worker carries on.
    /// </summary>
    /// <param name="explainer">The explainer; it is used by the worker thread only.</param>
    /// <param name="configure">Sets the sample rate and budgets; <see langword="null"/> for the defaults.</param>
    /// <returns>This instance.</returns>
    public ModelOptions ExplainInBackground(KernelShapExplainer explainer, Action<BackgroundExplanationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(explainer);
        (BackgroundExplainer, BackgroundLimeExplainer) = (explainer, null);
        configure?.Invoke(BackgroundExplanation);
        return this;
    }

    /// <summary>
    /// Explains a sample of the model's recorded predictions on the background worker with LIME (see
    /// <see cref="LimeExplainer"/>), within the same budget as <see cref="ExplainInBackground(KernelShapExplainer, Action{BackgroundExplanationOptions}?)"/>;
    /// the weights, intercept and local R² are recorded as if with <see cref="Recording.IModelMonitor.RecordLimeExplanation"/>.
    /// A model has one background explainer: this replaces a Kernel SHAP one.
    /// </summary>
    /// <param name="explainer">The explainer; it is used by the worker thread only.</param>
    /// <param name="configure">Sets the sample rate and budgets; <see langword="null"/> for the defaults.</param>
    /// <returns>This instance.</returns>
    public ModelOptions ExplainInBackgroundWithLime(LimeExplainer explainer, Action<BackgroundExplanationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(explainer);
        (BackgroundExplainer, BackgroundLimeExplainer) = (null, explainer);
        configure?.Invoke(BackgroundExplanation);
        return this;
    }

    /// <summary>
    /// Computes permutation importance on the background worker from the model's labelled predictions: a sample of the
    /// recorded predictions keeps its numeric features until its label is recorded, and every
    /// <see cref="BackgroundPermutationOptions.Rows"/> labelled rows the worker shuffles each feature
    /// (<see cref="PermutationImportance"/>, scored by <paramref name="scorer"/>) and stores the mean and standard deviation of the
    /// score drop as the metrics <c>importance.permutation.&lt;feature&gt;</c> and <c>importance.permutation_std.&lt;feature&gt;</c>.
    /// A model that throws is counted as a drift stage failure.
    /// </summary>
    /// <param name="model">The model over the numeric features, in order.</param>
    /// <param name="scorer">The score (higher is better), such as <see cref="PermutationScorers.R2"/>.</param>
    /// <param name="configure">Sets the sample rate, rows per computation and repeats; <see langword="null"/> for the defaults.</param>
    /// <returns>This instance.</returns>
    public ModelOptions PermutationImportanceInBackground(BatchPredictor model, PermutationScorer scorer, Action<BackgroundPermutationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scorer);
        BackgroundPermutationModel = (model, scorer);
        configure?.Invoke(BackgroundPermutation);
        return this;
    }

    /// <summary>
    /// Configures the model's health score: the levels and weights of its components (error rate, latency, performance,
    /// drift, data quality, open alerts), the baselines and the status boundaries. Calling it again configures the same settings.
    /// </summary>
    /// <param name="configure">Sets the health options.</param>
    /// <returns>This instance.</returns>
    public ModelOptions Health(Action<ModelMonitoring.Health.HealthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(HealthScoring);
        return this;
    }

    /// <summary>
    /// Watches the model's per-label errors with a streaming drift detector (concept drift): each time a label joins its
    /// prediction, the detector reads 1 or 0 (wrong or right class) or the absolute error, and a detection raises the
    /// alert <c>concept.&lt;name&gt;</c> for the model.
    /// </summary>
    /// <param name="name">The detector's name, unique within the model, such as "ddm".</param>
    /// <param name="configure">Sets the kind, stream, severity or a factory of the application's own detector; the defaults are DDM on the 0/1 error stream.</param>
    /// <returns>This instance.</returns>
    public ModelOptions StreamingDetector(string name, Action<StreamingDetectorOptions>? configure = null)
    {
        var detector = new StreamingDetectorOptions(name);
        configure?.Invoke(detector);
        _streamingDetectors.Add(detector);
        return this;
    }

    /// <summary>
    /// Checks the model for concept drift: a realized performance metric per prediction window is compared between a
    /// reference period and the current period with Welch's t-test, each check is stored, and a significant degradation raises
    /// the alert <c>concept.performance.&lt;metric&gt;</c>. Calling it again configures the same settings.
    /// </summary>
    /// <param name="configure">Sets the metric, periods, significance level, degradation limits and interval; the defaults compare the last 6 windows with the 24 before them.</param>
    /// <returns>This instance.</returns>
    public ModelOptions ConceptDrift(Action<ConceptDriftOptions>? configure = null)
    {
        ConceptDriftMonitoring ??= new ConceptDriftOptions();
        configure?.Invoke(ConceptDriftMonitoring);
        return this;
    }

    /// <summary>
    /// Estimates the model's performance in each window before labels arrive (confidence-based performance estimation,
    /// CBPE): confidences are calibrated on a labelled reference, and the estimates are stored as the window metrics
    /// <c>estimated.*</c> with their bands, raising the alert of the same name when an estimate leaves the reference's band.
    /// Calling it again configures the same settings.
    /// </summary>
    /// <param name="configure">Sets the reference (required), the metrics and the bands.</param>
    /// <returns>This instance.</returns>
    public ModelOptions EstimatePerformance(Action<Estimation.PerformanceEstimationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        PerformanceEstimation ??= new Estimation.PerformanceEstimationOptions();
        configure(PerformanceEstimation);
        return this;
    }

    /// <summary>The most custom metrics one model may declare; it bounds the per-window state the aggregator keeps for them.</summary>
    internal const int MaxCustomMetrics = 100;

    /// <summary>Replaces the numeric features; configuration names the whole list, so binding it again must not append.</summary>
    internal void SetNumericFeatures(string[]? names)
    {
        _numericFeatures.Clear();
        EmptyNumericListDeclared = false;
        NumericFeatures(names!);
    }

    /// <summary>Replaces the categorical features, like <see cref="SetNumericFeatures"/>.</summary>
    internal void SetCategoricalFeatures(string[]? names)
    {
        _categoricalFeatures.Clear();
        EmptyCategoricalListDeclared = false;
        CategoricalFeatures(names!);
    }

    /// <summary>Replaces the classes, like <see cref="SetNumericFeatures"/>.</summary>
    internal void SetClasses(string[]? names)
    {
        _classes.Clear();
        EmptyClassListDeclared = false;
        Classes(names!);
    }

    /// <summary>Replaces the custom metric names, like <see cref="SetNumericFeatures"/>.</summary>
    internal void SetCustomMetrics(string[]? names)
    {
        _customMetrics.Clear();
        CustomMetrics(names!);
    }

    /// <summary>Gets the threshold on <paramref name="metric"/>, adding it when missing: configuration keys thresholds by metric.</summary>
    internal MetricThreshold GetOrAddThreshold(string metric)
    {
        var threshold = _thresholds.Find(t => string.Equals(t.Metric, metric, StringComparison.Ordinal));
        if (threshold is null)
        {
            threshold = new MetricThreshold(metric);
            _thresholds.Add(threshold);
        }

        return threshold;
    }

    /// <summary>Gets the streaming detector named <paramref name="name"/>, adding it when missing: configuration keys detectors by name.</summary>
    internal StreamingDetectorOptions GetOrAddStreamingDetector(string name)
    {
        var detector = _streamingDetectors.Find(d => string.Equals(d.Name, name, StringComparison.Ordinal));
        if (detector is null)
        {
            detector = new StreamingDetectorOptions(name);
            _streamingDetectors.Add(detector);
        }

        return detector;
    }

    internal ModelSchema ToSchema() => new(Name, ModelVersion, ModelEnvironment, _numericFeatures, _categoricalFeatures) { Classes = [.. _classes] };
}
