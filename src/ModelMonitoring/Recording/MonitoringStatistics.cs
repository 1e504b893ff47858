using ModelMonitoring.Alerting;

namespace ModelMonitoring.Recording;

/// <summary>
/// A snapshot of record accounting. At a quiet moment (no recording, no flush in progress)
/// <c>Received == Stored + Buffered + Dropped</c> exactly.
/// </summary>
public sealed class MonitoringStatistics
{
    private readonly long[] _dropped;

    internal MonitoringStatistics(long received, long stored, long buffered, long[] dropped, IReadOnlyList<ChannelStatistics>? channels = null, long suppressed = 0, long silenced = 0)
    {
        Received = received;
        Stored = stored;
        Buffered = buffered;
        _dropped = dropped;
        Channels = channels ?? [];
        NotificationsSuppressed = suppressed;
        NotificationsSilenced = silenced;
    }

    /// <summary>Gets, per alert channel, how many notifications were delivered, failed or dropped.</summary>
    public IReadOnlyList<ChannelStatistics> Channels { get; }

    /// <summary>Gets the number of notifications withheld by the suppression cap (the alerts are still stored).</summary>
    public long NotificationsSuppressed { get; }

    /// <summary>Gets the number of notifications withheld by a silence (the alerts are still stored).</summary>
    public long NotificationsSilenced { get; }

    /// <summary>Gets the number of records passed to a monitor (predictions, ground truth, metrics and health checks).</summary>
    public long Received { get; }

    /// <summary>Gets the number of records every sink accepted.</summary>
    public long Stored { get; }

    /// <summary>Gets the number of records accepted but not yet stored (in ring buffers or in a batch being written).</summary>
    public long Buffered { get; }

    /// <summary>
    /// Gets how many values aggregation counted under <see cref="RecordingLimits.OtherValue"/> because
    /// their model had reached a distinct-value cap of <see cref="RecordingLimits"/> (predicted classes
    /// per window, categorical values per drift window). Their records are stored unchanged.
    /// </summary>
    public long GroupedAsOther { get; internal init; }

    /// <summary>Gets the number of records dropped, for every reason.</summary>
    public long Dropped => _dropped.Sum();

    /// <summary>Gets the number of records dropped for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long GetDropped(DropReason reason) => (uint)reason < (uint)_dropped.Length ? _dropped[(int)reason] : 0;

    /// <summary>
    /// Gets the number of times a worker stage (aggregation, drift monitoring, alerting) threw for a model.
    /// The stage was skipped for that model in that cycle; the other models and stages carried on.
    /// </summary>
    public long StageFailures => StageFailureCounts.Sum();

    /// <summary>
    /// Gets the number of records stored but left out of window metrics because no window could take
    /// them: their model already had the most open windows (64), or the window would end after the
    /// latest representable time. Records for a window that has already closed are not counted here.
    /// </summary>
    public long NotAggregated { get; internal init; }

    /// <summary>
    /// Gets how many configuration changes were refused because the reloaded settings were invalid (each is
    /// logged as a warning naming the problems); the pipeline kept the last valid thresholds, rules, silences and routes.
    /// </summary>
    public long ConfigurationReloadsRejected { get; internal init; }

    /// <summary>
    /// Gets whether this pipeline led its fleet at its latest worker cycle: it evaluates alert rules and drift,
    /// escalates and expires alerts and sends notifications (see <see cref="Fleet.IMonitoringLease"/>). A
    /// pipeline whose store registers no lease always leads.
    /// </summary>
    public bool IsLeader { get; internal init; }

    /// <summary>
    /// Gets when the background worker last completed a cycle (drain, write, windows, drift, alerts) without failing, or
    /// <see langword="null"/> before its first. A time further back than a few flush intervals means the worker is stuck
    /// or keeps failing (its log says why); the ASP.NET Core health check reports it.
    /// </summary>
    public DateTimeOffset? LastCycleCompletedAt { get; internal init; }

    /// <summary>Gets how many predictions the built-in background explainers explained (see <c>ModelOptions.ExplainInBackground</c>).</summary>
    public long BackgroundExplanations { get; internal init; }

    /// <summary>
    /// Gets how many sampled predictions the built-in background explainers skipped because their queue was full: the
    /// per-cycle budget is too small for the sample rate and traffic.
    /// </summary>
    public long BackgroundExplanationsSkipped { get; internal init; }

    /// <summary>
    /// Gets how many predictions sampled for background permutation importance were given up: too many were waiting for
    /// their label (<c>PendingCapacity</c>), or the label was a class and no <c>ClassValue</c> turns it into a number.
    /// </summary>
    public long BackgroundPermutationRowsGivenUp { get; internal init; }

    internal long[] StageFailureCounts { get; init; } = [];

    /// <summary>Gets the number of times one worker stage threw, summed over the models.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The count.</returns>
    public long GetStageFailures(MonitoringStage stage) => (uint)stage < (uint)StageFailureCounts.Length ? StageFailureCounts[(int)stage] : 0;

    /// <inheritdoc/>
    public override string ToString()
    {
        var reasons = string.Join(", ", Enum.GetValues<DropReason>().Where(r => GetDropped(r) > 0).Select(r => $"{r}={GetDropped(r)}"));
        return $"received={Received} stored={Stored} buffered={Buffered} dropped={Dropped}" + (reasons.Length > 0 ? $" ({reasons})" : string.Empty);
    }
}
