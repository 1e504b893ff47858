using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.Recording;

namespace ModelMonitoring;

/// <summary>Settings of a monitoring pipeline. Validated at start-up; every error is reported at once.</summary>
public sealed class ModelMonitoringOptions
{
    private readonly List<ModelOptions> _models = [];

    /// <summary>Gets the declared models.</summary>
    public IReadOnlyList<ModelOptions> Models => _models;

    /// <summary>
    /// Gets or sets how many records of each kind (predictions, labels, metrics, health checks) one
    /// model's buffers hold before new records are dropped. Rounded up to a power of two per buffer
    /// shard. Predictions have one shard per processor, each written by one thread only, plus one
    /// shared shard, so a single thread can fill only part of it. Between 16 and 16,777,216. The
    /// default value is 16,384.
    /// </summary>
    public int BufferCapacity { get; set; } = 16_384;

    /// <summary>Gets or sets how often the background worker drains buffers into the sinks. The default value is 1 second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the most records of one kind in one batch handed to a sink. Between 1 and 1,000,000. The default value is 4,096.</summary>
    public int MaxBatchSize { get; set; } = 4_096;

    /// <summary>Gets or sets how long <see cref="IModelMonitoring.FlushAsync"/> waits. The default value is 30 seconds.</summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long stopping or disposing waits for the final flush. The default value is 30 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long one sink write may take before it is abandoned and retried. The default value is 10 seconds.</summary>
    public TimeSpan SinkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how many times a failed sink write is retried before its batch is dropped
    /// (counted as <see cref="Recording.DropReason.SinkFailure"/>). Between 0 and 100. The default value is 5.
    /// </summary>
    public int SinkRetryCount { get; set; } = 5;

    /// <summary>Gets or sets the delay before the first retry; each further retry doubles it, up to 30 seconds. Each wait is drawn at random between half and all of that delay, so replicas that fail together do not retry together. The default value is 200 milliseconds.</summary>
    public TimeSpan SinkRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the length of the windows metrics are aggregated over. The default value is 1 minute.</summary>
    public TimeSpan AggregationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how many recent predictions per model the worker remembers so that labels can be
    /// joined for window accuracy. Labels of older predictions are still stored and count in reports.
    /// Between 0 and 10,000,000. The default value is 100,000.
    /// </summary>
    public int LabelJoinCapacity { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets how often the timestamp given to records without one is refreshed. Recording reads a
    /// cached timestamp instead of the clock (which can cost more than the whole record), so recorded
    /// times lag by up to this much; set <see cref="Recording.Prediction.Timestamp"/> for exact times.
    /// Between 1 millisecond and 1 second. The default value is 10 milliseconds.
    /// </summary>
    public TimeSpan TimestampResolution { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Gets the alerting settings: rules, repeat interval, suppression, silences, escalation and routing.</summary>
    public AlertingOptions Alerting { get; } = new();

    /// <summary>
    /// Gets or sets how long one alert delivery to one channel may take, the channel's own retries
    /// included; a delivery still running then is abandoned and counted as failed. Each channel has its
    /// own queue, so a slow channel never delays another. The default value is 1 minute.
    /// </summary>
    public TimeSpan AlertTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the name of this pipeline among the replicas that share one store: its row of the fleet
    /// summary (<see cref="Fleet.IReplicaStore"/>) and its name in the leadership log messages. Use a name that
    /// stays unique while the replica runs, such as the pod name; up to 128 characters, no control characters.
    /// The default value is the machine name and the process id, as in <c>web-1-4242</c>.
    /// </summary>
    public string ReplicaName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// Gets or sets whether window metrics are the fleet's rather than this replica's: each replica saves a mergeable
    /// partial of every closed window (<see cref="Fleet.IWindowPartialStore"/>) instead of its own window metrics, and the
    /// leader (<see cref="Fleet.IMonitoringLease"/>) merges the partials of each window once the whole fleet has closed it
    /// (its end plus three <see cref="FlushInterval"/>s), stores the window metrics once and evaluates thresholds over them.
    /// Needs a storage provider that registers a shared lease and a window partial store, such as PostgreSQL.
    /// The default value is <see langword="false"/>.
    /// </summary>
    public bool FleetWindows { get; set; }

    /// <summary>Gets the caps on record strings and collections and on distinct values per model (see README, "Accepted values and caps").</summary>
    public Recording.RecordingLimits Limits { get; } = new();

    /// <summary>Gets the settings of realized performance per prediction window, computed from the store (see README, "Realized performance").</summary>
    public Performance.RealizedPerformanceOptions RealizedPerformance { get; } = new();

    /// <summary>
    /// Gets or sets how far into the future a <see cref="Recording.Prediction.Timestamp"/> may be, compared
    /// with the monitor's clock (plus <see cref="TimestampResolution"/>, the most that clock lags); later
    /// predictions are rejected as <see cref="Recording.DropReason.TimestampOutOfRange"/>.
    /// Covers hosts whose clocks disagree a little (five minutes is also the usual Kerberos tolerance),
    /// while a time in a later year, which would hold an aggregation window open for ever, is refused.
    /// Between zero and 1 day. The default value is 5 minutes.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = AcceptedRanges.DefaultMaxClockSkew;

    /// <summary>
    /// Gets or sets how far in the past a <see cref="Recording.Prediction.Timestamp"/> may be, compared
    /// with the monitor's clock; earlier predictions, and any before the Unix epoch (1970-01-01), are
    /// rejected as <see cref="Recording.DropReason.TimestampOutOfRange"/>. Seven days lets a client that
    /// was offline over a long weekend, or a replay of a week of logs, be stored, while a clock that was
    /// never set (year 1) or seconds read as milliseconds (1970) is refused. Late predictions are stored;
    /// they count in window metrics only while their window is still open. Raise it to backfill history.
    /// Between zero and 36,500 days. The default value is 7 days.
    /// </summary>
    public TimeSpan MaxLateness { get; set; } = AcceptedRanges.DefaultMaxLateness;

    /// <summary>
    /// Gets or sets the longest <see cref="Recording.Prediction.Latency"/> accepted; longer (and negative)
    /// latencies are rejected as <see cref="Recording.DropReason.InvalidValue"/>. One day is far beyond
    /// any single inference, so only a wrong unit or an uninitialized value is refused.
    /// Between 1 millisecond and 365 days. The default value is 1 day.
    /// </summary>
    public TimeSpan MaxLatency { get; set; } = AcceptedRanges.DefaultMaxLatency;

    /// <summary>Declares a model to monitor.</summary>
    /// <param name="name">The model name: letters, digits, '_', '.', '-'; unique within the pipeline.</param>
    /// <param name="configure">Declares the version, environment, features and thresholds.</param>
    /// <returns>This instance.</returns>
    public ModelMonitoringOptions AddModel(string name, Action<ModelOptions>? configure = null)
    {
        var model = new ModelOptions(name);
        configure?.Invoke(model);
        _models.Add(model);
        return this;
    }

    /// <summary>Gets the model named <paramref name="name"/>, declaring it when missing: configuration keys models by name, so code and configuration compose.</summary>
    internal ModelOptions GetOrAddModel(string name)
    {
        var model = _models.Find(m => string.Equals(m.Name, name, StringComparison.Ordinal));
        if (model is null)
        {
            model = new ModelOptions(name);
            _models.Add(model);
        }

        return model;
    }

    /// <summary>Gets the problems found while binding configuration (unknown keys, values of the wrong type); the validator reports them with every other error.</summary>
    internal List<string> ConfigurationErrors { get; } = [];
}
