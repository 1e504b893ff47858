using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Continuous drift checks of one model: the worker keeps the model's most recent
/// <see cref="WindowSize"/> predictions and, every <see cref="CheckInterval"/>, compares their
/// features with a reference profile using every drift detector.
/// </summary>
/// <remarks>
/// <para>
/// The reference is <see cref="Reference"/> when given; otherwise the one saved in the
/// <see cref="Storage.IReferenceProfileStore"/> (such as the SQLite store) from an earlier run;
/// otherwise, with <see cref="ReferenceFromFirst"/>, it is learned from the model's first
/// predictions and saved. <see cref="IDriftMonitoring"/> replaces or resets it at run time.
/// </para>
/// <para>
/// Each check is stored (<see cref="Storage.DriftCheckRecord"/>) and raises alerts: <c>drift.dataset</c>
/// when the dataset drifts and <c>drift.&lt;feature&gt;</c> for each drifted feature, firing when drift
/// starts and resolved at the first later check without it. A feature's alert is
/// <see cref="Alerting.AlertSeverity.Critical"/> when its test's p-value is below 0.01, or, for a
/// distance, when the distance is at least twice its threshold; otherwise
/// <see cref="Alerting.AlertSeverity.Warning"/>. The dataset alert is critical when the check
/// recommends <see cref="DriftSeverity.Critical"/>. An alert keeps the severity it fired with.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// o.AddModel("fraud", m => m
///     .NumericFeatures("amount", "age")
///     .Drift(d =>
///     {
///         d.WindowSize = 5_000;
///         d.CheckInterval = TimeSpan.FromMinutes(5);
///         d.ReferenceFromFirst = 10_000;
///     }));
/// </code>
/// </example>
public sealed class DriftMonitoringOptions
{
    /// <summary>
    /// Gets or sets how many of the most recent predictions the sliding window holds; older rows fall
    /// out as new ones arrive, so memory stays at this many rows of features. Between 2 and 1,000,000.
    /// The default value is 5,000.
    /// </summary>
    public int WindowSize { get; set; } = DriftMonitoringConstants.DefaultWindowSize;

    /// <summary>
    /// Gets or sets how often the window is checked, on the pipeline's <see cref="TimeProvider"/>;
    /// checks run at multiples of the interval since the Unix epoch, on the worker's next cycle after
    /// each (so they lag by up to <see cref="ModelMonitoringOptions.FlushInterval"/>). Must be positive.
    /// The default value is 5 minutes.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = DriftMonitoringConstants.DefaultCheckInterval;

    /// <summary>
    /// Gets or sets the fewest rows the window must hold for a check to run; a check that finds fewer is
    /// skipped (not stored). Between 2 and <see cref="WindowSize"/>. The default value is 100.
    /// </summary>
    public int MinimumRows { get; set; } = DriftMonitoringConstants.DefaultMinimumRows;

    /// <summary>
    /// Gets or sets the reference (typically training) profile. Its features must be exactly the
    /// model's declared features, each of the same kind. When set, it is used at every start, even if
    /// another reference was saved. The default value is <see langword="null"/>.
    /// </summary>
    public ReferenceProfile? Reference { get; set; }

    /// <summary>
    /// Gets or sets how many of the model's first predictions to learn the reference from when neither
    /// <see cref="Reference"/> nor a saved reference exists. The learned reference is saved to the
    /// registered <see cref="Storage.IReferenceProfileStore"/>, so a restart reuses it. Null categorical
    /// values are left out; a categorical feature with no value in those predictions is not checked.
    /// A learned reference in which a feature holds a single value (such as warm-up traffic repeating one
    /// request) is refused and learned again from the next predictions; see
    /// <see cref="DriftMonitoringStatus.ReferenceRejection"/> and <see cref="IDriftMonitoring.RelearnReferenceAsync"/>.
    /// Between 2 and 10,000,000, and not together with <see cref="Reference"/>. The default value is
    /// <see langword="null"/> (not learned: checks wait for a reference).
    /// </summary>
    public int? ReferenceFromFirst { get; set; }

    /// <summary>
    /// Gets or sets the options of the built-in <see cref="DatasetDriftDetector"/>, which checks every
    /// window: drift share and per-feature methods (feature names must be declared features).
    /// Detectors registered as <see cref="IDriftDetector"/> run after it with their own settings.
    /// The default value is a new <see cref="DatasetDriftOptions"/> (automatic method choice).
    /// </summary>
    public DatasetDriftOptions DetectorOptions { get; set; } = new();

    /// <summary>
    /// Gets or sets the options of a multivariate check that also runs on every window, or
    /// <see langword="null"/> for none: a <see cref="MultivariateDriftDetector"/> fitted on the
    /// reference's numeric features (at least two), which catches changes in how features move together
    /// that per-feature tests cannot see. Its checks are stored under the detector name
    /// <c>MultivariateDriftDetector</c>, with one result per kept principal component
    /// (<c>multivariate.pc1</c>, <c>multivariate.pc2</c>, …: Kolmogorov-Smirnov at
    /// <see cref="MultivariateDriftOptions.Alpha"/> / components) and one for the reconstruction error
    /// (<c>multivariate.reconstruction_error</c>, method <c>pca_reconstruction</c>, threshold the upper
    /// bound); the dataset drifts, and <c>drift.dataset</c> fires, when any of them drifts.
    /// The reference must keep its row order: a learned one does when this is set; a given one must be
    /// created with <c>ReferenceProfile.Create(…, keepRowOrder: true)</c>; a saved one without it is
    /// refused and learned again. <see cref="MultivariateDriftOptions.ChunkSize"/> defaults to
    /// <see cref="WindowSize"/> here, but at most a tenth of the reference rows. The default value is
    /// <see langword="null"/>.
    /// </summary>
    public MultivariateDriftOptions? Multivariate { get; set; }

    /// <summary>
    /// Gets or sets whether the model's outputs are checked for drift too, in the same checks as its features: the
    /// confidence or score (<see cref="PredictionDriftFeatures.Score"/>, numeric), the predicted class
    /// (<see cref="PredictionDriftFeatures.Class"/>, the class mix) and the predicted value
    /// (<see cref="PredictionDriftFeatures.Value"/>, numeric) and each declared class's probability
    /// (<see cref="PredictionDriftFeatures.Probability"/>, numeric), each against the reference's profile of the same output,
    /// with the methods the features use (a per-output method may be set in <see cref="DatasetDriftOptions.Methods"/>).
    /// A learned reference learns the outputs the predictions have; a CSV reference carries them through
    /// <see cref="ReferenceCsvOptions.ScoreColumn"/>, <see cref="ReferenceCsvOptions.ClassColumn"/> and
    /// <see cref="ReferenceCsvOptions.ValueColumn"/>; an output missing from the reference is not checked. The outputs
    /// are checked by a detector of their own, stored under the detector name <c>PredictionDriftDetector</c>, and raise
    /// <c>drift.prediction.score</c>, <c>drift.prediction.class</c>, <c>drift.prediction.value</c> and
    /// <c>drift.prediction.probability.&lt;class&gt;</c> like feature drift;
    /// they do not count in the dataset's drift share (<c>drift.dataset</c>). The default value is <see langword="false"/>.
    /// </summary>
    public bool PredictionDrift { get; set; }
}
