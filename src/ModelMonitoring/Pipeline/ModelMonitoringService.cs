using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Aggregation.Quality;
using ModelMonitoring.Alerting;
using ModelMonitoring.Buffers;
using ModelMonitoring.ConceptDrift;
using ModelMonitoring.DependencyInjection;
using ModelMonitoring.Drift;
using ModelMonitoring.Drift.Streaming;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Fleet;
using ModelMonitoring.Internal;
using ModelMonitoring.Performance;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// The pipeline as registered in dependency injection: builds one monitor per configured model,
/// starts the worker when constructed, and stops it (flushing) when stopped or disposed.
/// </summary>
internal sealed class ModelMonitoringService : IModelMonitoring, IAsyncDisposable, IDisposable
{
    private readonly Dictionary<string, ModelPipeline> _models;
    private readonly DropCounters _unknownDrops = new();
    private readonly UnknownModelMonitors _unknown;
    private readonly PipelineState _state = new();
    private readonly MonitoringWorker _worker;
    private readonly MonitoringInstruments _instruments;
    private readonly CoarseClock _clock;
    private readonly ILogger _logger;
    private readonly StageFailures _failures;
    private readonly Dictionary<string, ThresholdEvaluator> _evaluators = new(StringComparer.Ordinal);
    private readonly ConfigurationReloader? _reloader;
    private int _stopped;

    public ModelMonitoringService(
        IOptions<ModelMonitoringOptions> options,
        IEnumerable<IMetricSink> sinks,
        IEnumerable<IAlertChannel> channels,
        TimeProvider timeProvider,
        IEnumerable<IDriftDetector> driftDetectors,
        ILoggerFactory? loggerFactory = null,
        IReferenceProfileStore? referenceStore = null,
        IAlertStore? alertStore = null,
        IOptionsFactory<ModelMonitoringOptions>? optionsFactory = null,
        IEnumerable<IOptionsChangeTokenSource<ModelMonitoringOptions>>? changeSources = null,
        IAlertRuleStore? alertRuleStore = null,
        IMonitoringLease? lease = null,
        IReplicaStore? replicaStore = null,
        IRealizedPerformanceStore? performanceStore = null,
        IWindowPartialStore? windowPartials = null,
        IMonitoringReader? reader = null,
        IConceptDriftStore? conceptDriftStore = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null,
        IWindowMetricReader? windowMetrics = null)
    {
        // Reading Value runs the validators: a bad configuration fails here, naming every bad setting.
        var settings = options.Value;
        var sinkList = sinks.ToArray();
        if (sinkList.Length == 0)
        {
            // Counting records as stored with nothing to keep them would report data that does not exist.
            throw new InvalidOperationException(
                "No storage provider is registered for model monitoring, so nothing would keep the records it counts as stored. "
                + "Add one to AddModelMonitoring(), such as .UseSqlite(\"monitoring.db\") from the ModelMonitoring.Sqlite package, "
                + "or your own IMetricSink with .AddSink(sink).");
        }

        if (settings.FleetWindows && (lease is null || windowPartials is null))
        {
            throw new InvalidOperationException(
                "ModelMonitoringOptions.FleetWindows is on, but no storage provider shared by replicas is registered (it needs an IMonitoringLease and an IWindowPartialStore). "
                + "Use .UsePostgreSql(...) from the ModelMonitoring.PostgreSql package, or turn FleetWindows off for a single process.");
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("ModelMonitoring");
        _unknown = new UnknownModelMonitors(_unknownDrops, timeProvider, _logger);
        _models = new Dictionary<string, ModelPipeline>(StringComparer.Ordinal);
        _instruments = new MonitoringInstruments(meterFactory);
        _clock = new CoarseClock(timeProvider, settings.TimestampResolution);
        var detectors = driftDetectors.ToArray();
        var driftMonitors = new List<DriftMonitor>();
        var ranges = AcceptedRanges.From(settings);
        _failures = new StageFailures(settings.Models.Select(m => m.Name), timeProvider, _logger);
        var rules = new AlertRuleRegistry(settings.Alerting.Rules, settings.Models);
        foreach (var model in settings.Models)
        {
            var schema = model.ToSchema();
            var monitor = new ModelMonitor(schema, settings.BufferCapacity, _clock, _state, settings.MaxBatchSize, ranges: ranges) { Limits = settings.Limits, MissingValues = model.MissingValueHandling };
            var evaluator = new ThresholdEvaluator(schema, model.Thresholds, settings.Alerting.Rules, model.CustomMetricNames, _logger);
            _evaluators.Add(schema.Name, evaluator);
            var drift = model.DriftMonitoring is { } driftOptions
                ? new DriftMonitor(schema, driftOptions, detectors, referenceStore, settings.SinkTimeout, timeProvider, _logger, _failures, settings.Limits.MaxDistinctCategoricalValues)
                : null;
            var aggregator = new WindowAggregator(settings.AggregationWindow, settings.FlushInterval, settings.LabelJoinCapacity, evaluator, schema.Name, _logger)
            {
                MaxDistinctClassLabels = settings.Limits.MaxDistinctClassLabels,
                Partials = settings.FleetWindows ? [] : null,
                Replica = settings.ReplicaName,
                ConceptDrift = [.. model.StreamingDetectors.Select(d => new ConceptDriftWatch(schema, d))],
                Quality = schema.NumericFeatures.Count + schema.CategoricalFeatures.Count == 0 ? null : new FeatureQualityTracker(schema, drift is null ? null : () => drift.References.Current),
                Estimation = model.PerformanceEstimation is { } estimation ? new Estimation.PerformanceEstimationWatch(schema, estimation) : null,
            };
            if (drift is not null)
            {
                driftMonitors.Add(drift);
            }

            _models.Add(schema.Name, new ModelPipeline(monitor, aggregator, drift, settings.MaxBatchSize, _failures) 
            {
                Explainability = new(monitor, model.ExplainabilityMonitoring),
                Health = model.HealthScoring.Enabled ? new Health.Internal.HealthScorer(schema.Name, model.HealthScoring) : null,
                Telemetry = new ModelTelemetry(schema, _instruments.PredictionDuration, _instruments.Predictions),
                BackgroundExplainer = BackgroundExplainerFor(model, monitor, timeProvider),
                Permutation = model.BackgroundPermutationModel is var (permutationModel, scorer)
                    ? new Explainability.BackgroundPermutation([.. model.NumericFeatureNames], permutationModel, scorer, model.BackgroundPermutation)
                    : null,
            });
        }

        Drift = new DriftMonitoringService(driftMonitors);
        rules.Applied = applied =>
        {
            foreach (var evaluator in _evaluators.Values)
            {
                evaluator.ReloadRules(applied);
            }
        };

        Models = [.. _models.Values.Select(m => m.Model)];
        var channelList = channels.ToArray();
        var notifier = new AlertNotifier(settings.Alerting, channelList, settings.AlertTimeout, timeProvider, _logger);
        Alerts = new AlertManager(settings.Alerting, alertStore ?? new InMemoryAlertStore(), notifier, timeProvider, _logger, _failures, rules, alertRuleStore ?? new InMemoryAlertRuleStore())
        {
            Limits = settings.Limits,
            Shared = lease is not null,
        };
        _worker = new MonitoringWorker(
            [.. _models.Values],
            new SinkWriter(sinkList, settings, timeProvider, _logger),
            Alerts,
            _state,
            settings,
            timeProvider,
            _logger,
            _failures,
            new FleetMembership(settings.ReplicaName, lease, replicaStore, GetStatistics, timeProvider, _logger, settings.FlushInterval),
            CreatePerformanceStage(settings, performanceStore, timeProvider),
            settings.FleetWindows ? new FleetWindowMerger(windowPartials!, settings.ReplicaName, settings.FlushInterval * 3, _logger) : null,
            windowMetrics)
        {
            ConceptDrift = CreateConceptDriftStage(settings, reader, conceptDriftStore, timeProvider),
        };
        if (lease is not null)
        {
            // Fleet mode: only the leader learns a reference; the others load the one it saves.
            foreach (var drift in driftMonitors)
            {
                drift.References.Leads = () => _worker.Fleet.IsLeader;
            }
        }

        _instruments.Publish(this, Drift, _failures, () => NotAggregatedByModel, [.. _models.Values.Select(m => m.Telemetry!)], (model, reason) => _models.TryGetValue(model, out var pipeline) ? pipeline.Monitor.Drops.Get(reason) : 0);
        if (optionsFactory is not null && changeSources is not null)
        {
            _reloader = new ConfigurationReloader(optionsFactory, changeSources, Reload, _logger);
        }

        _worker.Start();
        Log.Started(_logger, _models.Count, sinkList.Length, channelList.Length);
    }

    public IReadOnlyList<ModelSchema> Models { get; }

    /// <summary>The model's built-in background explainer (Kernel SHAP or LIME), recording through its own monitor; <see langword="null"/> without one.</summary>
    private static Explainability.BackgroundExplainer? BackgroundExplainerFor(Configuration.ModelOptions model, ModelMonitor monitor, TimeProvider timeProvider)
    {
        Explainability.IInstanceExplainer? explainer = model.BackgroundExplainer is { } shap
            ? new Explainability.ShapInstanceExplainer(shap, new Explainability.MonitorAttributionRecorder(monitor))
            : model.BackgroundLimeExplainer is { } lime ? new Explainability.LimeInstanceExplainer(lime, monitor) : null;
        var o = model.BackgroundExplanation;
        return explainer is null ? null : new Explainability.BackgroundExplainer(explainer, timeProvider, new Explainability.BackgroundExplanationSettings(o.SampleRate, o.MaxExplanationsPerCycle, o.BudgetPerCycle, o.QueueCapacity, o.Seed));
    }

    private RealizedPerformanceStage? CreatePerformanceStage(ModelMonitoringOptions settings, IRealizedPerformanceStore? store, TimeProvider timeProvider)
    {
        if (!settings.RealizedPerformance.Enabled)
        {
            return null;
        }

        if (store is null)
        {
            Log.RealizedPerformanceUnsupported(_logger);
            return null;
        }

        return new RealizedPerformanceStage([.. _models.Values.Select(m => m.Model)], store, settings.RealizedPerformance, settings.AggregationWindow, settings.Limits.MaxDistinctClassLabels, settings.SinkTimeout, timeProvider, _logger);
    }

    private ConceptDriftStage? CreateConceptDriftStage(ModelMonitoringOptions settings, IMonitoringReader? reader, IConceptDriftStore? store, TimeProvider timeProvider)
    {
        var models = settings.Models.Where(m => m.ConceptDriftMonitoring is not null).Select(m => (m.ToSchema(), m.ConceptDriftMonitoring!)).ToArray();
        if (models.Length == 0)
        {
            return null;
        }

        if (reader is null || store is null || !settings.RealizedPerformance.Enabled)
        {
            Log.ConceptDriftUnsupported(_logger);
            return null;
        }

        return new ConceptDriftStage(models, reader, store, settings.AggregationWindow, settings.SinkTimeout, timeProvider, _logger);
    }

    public AlertManager Alerts { get; }

    /// <summary>Gets the monitors of model names that were not configured.</summary>
    internal UnknownModelMonitors UnknownMonitors => _unknown;
    public DriftMonitoringService Drift { get; }

    /// <summary>Gets the worker's view of a configured model.</summary>
    internal ModelPipeline PipelineOf(string model) => _models[model];

    /// <summary>Gets the worker stage failures per model and stage.</summary>
    internal StageFailures Failures => _failures;

    /// <summary>Gets, per model, the records left out of window metrics (see <see cref="WindowAggregator.NotAggregated"/>).</summary>
    internal IEnumerable<(string Model, long Count)> NotAggregatedByModel => _models.Values.Select(m => (m.Model.Name, m.Aggregator.NotAggregated));

    /// <summary>
    /// Applies reloaded settings that can change while running: thresholds and rules to each model's next
    /// evaluated window, and alerting settings to the alert manager's next cycle. Recording is untouched.
    /// </summary>
    /// <exception cref="OptionsValidationException">A route or escalation level names an unregistered channel; nothing is applied.</exception>
    private void Reload(ModelMonitoringOptions options)
    {
        Alerts.Notifier.CheckChannelNames(options.Alerting);
        foreach (var (name, evaluator) in _evaluators)
        {
            var model = options.Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
            evaluator.ReloadThresholds(model?.Thresholds ?? []);
        }

        // Configured rules join the run-time ones; the registry hands the evaluators the whole set.
        foreach (var hidden in Alerts.Rules.Configure(options.Alerting.Rules))
        {
            Log.AlertRuleShadowed(_logger, hidden);
        }

        Alerts.Reload(options.Alerting);
    }

    public IModelMonitor GetMonitor(string modelName)
    {
        if (modelName is not null && _models.TryGetValue(modelName, out var model))
        {
            return model.Monitor;
        }

        return _unknown.Get(modelName);
    }

    public Task<bool> FlushAsync(CancellationToken cancellationToken = default) => _worker.FlushAsync(cancellationToken);

    public MonitoringStatistics GetStatistics()
    {
        long received = 0;
        long buffered = _worker.InFlight;
        long notAggregated = 0;
        var dropped = DropCounters.NewTotals();
        foreach (var model in _models.Values)
        {
            notAggregated += model.Aggregator.NotAggregated;
            received += model.Monitor.Received;
            buffered += model.Monitor.Buffered;
            model.Monitor.Drops.AddTo(dropped);
        }

        _unknownDrops.AddTo(dropped);
        _worker.Drops.AddTo(dropped);
        received += _unknownDrops.Get(DropReason.UnknownModel);
        long grouped = 0;
        foreach (var model in _models.Values)
        {
            grouped += model.Aggregator.GroupedAsOther + (model.Drift?.GroupedAsOther ?? 0);
        }

        var notifier = Alerts.Notifier;
        var channels = notifier.Queues.Select(q => new ChannelStatistics(q.Name, q.Delivered, q.Failed, q.Dropped)).ToArray();
        return new MonitoringStatistics(received, _worker.Stored, buffered, dropped, channels, notifier.Suppressed, notifier.Silenced)
        {
            StageFailureCounts = _failures.Totals(),
            NotAggregated = notAggregated,
            GroupedAsOther = grouped,
            ConfigurationReloadsRejected = _reloader?.Rejected ?? 0,
            IsLeader = _worker.Fleet.IsLeader,
            LastCycleCompletedAt = _worker.LastCycleCompletedAt,
            BackgroundExplanationsSkipped = _models.Values.Sum(m => m.BackgroundExplainer?.Dropped ?? 0),
            BackgroundExplanations = _models.Values.Sum(m => m.BackgroundExplainer?.Explained ?? 0),
            BackgroundPermutationRowsGivenUp = _models.Values.Sum(m => m.Permutation?.GivenUp ?? 0),
        };
    }

    /// <summary>Stops recording, writes what was accepted and closes every window, within the shutdown timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _state.Stop();
        await _worker.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _reloader?.Dispose();
        _instruments.Dispose();
        _clock.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
