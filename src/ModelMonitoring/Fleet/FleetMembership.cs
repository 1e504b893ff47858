using Microsoft.Extensions.Logging;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Fleet;

/// <summary>
/// The worker's part in a fleet: asks the lease each cycle whether this pipeline leads, logs a change of role
/// once, and saves the replica's row in the replica store. Worker thread only, except <see cref="IsLeader"/>.
/// </summary>
internal sealed class FleetMembership
{
    private readonly IMonitoringLease _lease;
    private readonly IReplicaStore? _replicas;
    private readonly Func<MonitoringStatistics> _statistics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _startedAt;
    private readonly bool _shared;
    private readonly TimeSpan _saveInterval;
    private DateTimeOffset _nextSave = DateTimeOffset.MinValue;
    private bool? _leading;
    private bool _leaseFailing;
    private bool _saveFailing;
    private volatile bool _isLeader;

    public FleetMembership(string replicaName, IMonitoringLease? lease, IReplicaStore? replicas, Func<MonitoringStatistics> statistics, TimeProvider timeProvider, ILogger logger, TimeSpan saveInterval = default)
    {
        _saveInterval = saveInterval;
        ReplicaName = replicaName;
        _shared = lease is not null;
        _lease = lease ?? SingleProcessLease.Instance;
        _replicas = replicas;
        _statistics = statistics;
        _timeProvider = timeProvider;
        _logger = logger;
        _startedAt = timeProvider.GetUtcNow();

        // Without a shared lease the pipeline leads from the start, as a single process always did.
        _isLeader = !_shared;
    }

    public string ReplicaName { get; }

    /// <summary>Gets whether a shared lease decides the role: other replicas use the same stores.</summary>
    public bool Shared => _shared;

    /// <summary>Gets whether this pipeline led at its latest cycle (any thread).</summary>
    public bool IsLeader => _isLeader;

    /// <summary>Asks the lease whether this pipeline leads the coming cycle; a failure counts as "not leader".</summary>
    /// <returns>Whether it leads, and whether it has just taken over from another replica (its alert state is then stale).</returns>
    public async Task<(bool Leading, bool TookOver)> CheckLeadershipAsync(CancellationToken cancellationToken)
    {
        bool leading;
        try
        {
            leading = await _lease.TryAcquireAsync(cancellationToken).ConfigureAwait(false);
            _leaseFailing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_leaseFailing)
            {
                Log.LeaseCheckFailed(_logger, ex, ReplicaName);
                _leaseFailing = true;
            }

            leading = false;
        }

        var before = _leading;
        _leading = leading;
        _isLeader = leading;
        if (_shared && before != leading)
        {
            if (leading)
            {
                Log.BecameLeader(_logger, ReplicaName);
            }
            else
            {
                Log.BecameFollower(_logger, ReplicaName);
            }
        }

        return (leading, before == false && leading);
    }

    /// <summary>
    /// Saves this replica's row, at most once per save interval (the flush interval) unless <paramref name="final"/>:
    /// under load the worker cycles far more often than that, and the row need not follow every batch.
    /// A failure is logged once until a save succeeds again.
    /// </summary>
    public async Task SaveReplicaAsync(bool final, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (_replicas is null || (!final && now < _nextSave))
        {
            return;
        }

        _nextSave = now + _saveInterval;

        var statistics = _statistics();
        var dropped = new Dictionary<DropReason, long>();
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            if (statistics.GetDropped(reason) is var count and > 0)
            {
                dropped[reason] = count;
            }
        }

        var summary = new ReplicaSummary
        {
            Name = ReplicaName,
            StartedAt = _startedAt,
            LastSeen = now,
            Received = statistics.Received,
            Stored = statistics.Stored,
            Dropped = statistics.Dropped,
            DroppedByReason = dropped,
            IsLeader = _isLeader,
        };
        try
        {
            await _replicas.SaveReplicaAsync(summary, cancellationToken).ConfigureAwait(false);
            _saveFailing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_saveFailing)
            {
                Log.ReplicaSaveFailed(_logger, ex, ReplicaName);
                _saveFailing = true;
            }
        }
    }

    /// <summary>Gives the lease up when stopping; failures are logged (the server frees a lease whose connection closes).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lease.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.LeaseReleaseFailed(_logger, ex, ReplicaName);
        }

        _isLeader = false;
    }
}
