namespace ModelMonitoring.Recording;

/// <summary>
/// One prediction to record, passed by reference to <see cref="IModelMonitor.RecordPrediction(in Prediction)"/>.
/// </summary>
/// <remarks>
/// <para>A <see langword="ref struct"/> so that features can be passed as spans over the caller's own
/// buffers: recording copies them and keeps no reference to the spans. Only the properties a model
/// has need to be set.</para>
/// <para>The properties most predictions leave unset (categorical features, predicted value, error
/// kind, identifier, timestamp, input hash, segment) note that they were set, so recording reads them
/// only then. Besides saving the reads, this matters because a struct built with an object initializer
/// is first zeroed with wide vector stores, and on some processors a narrow read of a part that only
/// such a store wrote waits for the store to reach the cache (a failed store-to-load forwarding; see
/// docs/benchmarks.md, "Reading only what the caller set").</para>
/// </remarks>
public readonly ref struct Prediction
{
    private readonly ReadOnlySpan<string?> _categoricalFeatures;
    private readonly string? _errorKind;
    private readonly double? _predictedValue;
    private readonly PredictionId _id;
    private readonly DateTimeOffset? _timestamp;
    private readonly ulong? _inputHash;
    private readonly string? _segment;
    private readonly ReadOnlySpan<double> _attributions;
    private readonly double? _attributionBaseValue;
    private readonly ReadOnlySpan<double> _classProbabilities;

    /// <summary>
    /// Gets the numeric feature values, in the order the model declared them. Their count must equal
    /// the declared count; NaN means missing (see <see cref="MissingValueHandling"/>) and infinities are refused.
    /// </summary>
    public ReadOnlySpan<double> NumericFeatures { get; init; }

    /// <summary>
    /// Gets the categorical feature values, in the order the model declared them. Their count must equal
    /// the declared count; <see langword="null"/> means missing.
    /// </summary>
    public ReadOnlySpan<string?> CategoricalFeatures
    {
        get => _categoricalFeatures;
        init
        {
            _categoricalFeatures = value;
            Optional |= OptionalFields.CategoricalFeatures;
        }
    }

    /// <summary>Gets how long the model took. Must be between zero and <see cref="ModelMonitoringOptions.MaxLatency"/>. The default value is zero.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets whether the prediction succeeded. The default value is <see cref="PredictionStatus.Success"/>.</summary>
    public PredictionStatus Status { get; init; }

    /// <summary>Gets the kind of error (for example an exception type name) when <see cref="Status"/> is <see cref="PredictionStatus.Error"/>.</summary>
    public string? ErrorKind
    {
        get => _errorKind;
        init
        {
            _errorKind = value;
            Optional |= OptionalFields.ErrorKind;
        }
    }

    /// <summary>Gets the predicted class label, for classifiers.</summary>
    public string? PredictedClass { get; init; }

    /// <summary>Gets the predicted value, for regressors. Must be finite when set.</summary>
    public double? PredictedValue
    {
        get => _predictedValue;
        init
        {
            _predictedValue = value;
            Optional |= OptionalFields.PredictedValue;
        }
    }

    /// <summary>Gets the model's confidence or score, between 0 and 1 inclusive when set.</summary>
    public double? Confidence { get; init; }

    /// <summary>Gets the identifier to record the prediction under. When empty, one is generated.</summary>
    public PredictionId Id
    {
        get => _id;
        init
        {
            _id = value;
            Optional |= OptionalFields.Id;
        }
    }

    /// <summary>
    /// Gets when the prediction was made. When <see langword="null"/>, the monitor's clock is read. When
    /// set, it must be no earlier than the Unix epoch and <see cref="ModelMonitoringOptions.MaxLateness"/>
    /// before the clock, and no later than <see cref="ModelMonitoringOptions.MaxClockSkew"/> after it;
    /// otherwise the prediction is rejected as <see cref="DropReason.TimestampOutOfRange"/>.
    /// </summary>
    public DateTimeOffset? Timestamp
    {
        get => _timestamp;
        init
        {
            _timestamp = value;
            Optional |= OptionalFields.Timestamp;
        }
    }

    /// <summary>Gets an optional hash of the model input, for spotting repeated inputs.</summary>
    public ulong? InputHash
    {
        get => _inputHash;
        init
        {
            _inputHash = value;
            Optional |= OptionalFields.InputHash;
        }
    }

    /// <summary>Gets an optional user or segment identifier, for slicing metrics.</summary>
    public string? Segment
    {
        get => _segment;
        init
        {
            _segment = value;
            Optional |= OptionalFields.Segment;
        }
    }

    /// <summary>
    /// Gets per-feature attributions (SHAP-like) to record with the prediction: one per feature, numeric features first,
    /// then categorical ones, each in schema order, every value finite. A wrong count rejects the prediction as
    /// <see cref="DropReason.SchemaMismatch"/>, a value that is not finite as <see cref="DropReason.InvalidValue"/>.
    /// Empty means none. Attributions computed later are recorded with <see cref="IModelMonitor.RecordAttributions"/>.
    /// </summary>
    public ReadOnlySpan<double> Attributions
    {
        get => _attributions;
        init
        {
            _attributions = value;
            Optional |= OptionalFields.Attributions;
        }
    }

    /// <summary>Gets the base value (expected model output) of <see cref="Attributions"/>; must be finite when set.</summary>
    public double? AttributionBaseValue
    {
        get => _attributionBaseValue;
        init
        {
            _attributionBaseValue = value;
            Optional |= OptionalFields.Attributions;
        }
    }

    /// <summary>
    /// Gets a classifier's probability of each class, in the order the model declared its classes
    /// (<see cref="Configuration.ModelOptions.Classes"/>): each between 0 and 1, summing to 1 within 0.001. A count other
    /// than the declared classes' (or any, when the model declares none) rejects the prediction as
    /// <see cref="DropReason.SchemaMismatch"/>, a value out of range or a sum off 1 as <see cref="DropReason.InvalidValue"/>.
    /// Empty means none. Performance estimation uses them to estimate multiclass ROC AUC without labels.
    /// </summary>
    public ReadOnlySpan<double> ClassProbabilities
    {
        get => _classProbabilities;
        init
        {
            _classProbabilities = value;
            Optional |= OptionalFields.ClassProbabilities;
        }
    }

    /// <summary>Gets which of the rarely used properties were set; recording reads the others only when this is not zero.</summary>
    internal OptionalFields Optional { get; private init; }
}
