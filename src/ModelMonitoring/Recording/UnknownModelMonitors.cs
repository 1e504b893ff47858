using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Buffers;
using ModelMonitoring.Configuration;
using ModelMonitoring.Internal;

namespace ModelMonitoring.Recording;

/// <summary>
/// The monitors handed out for model names that were not configured. Memory and logging stay bounded
/// whatever names callers pass: the first <see cref="Capacity"/> valid names each get a monitor of
/// their own (so a typo shows up by name, logged once); every other name shares one monitor, and is
/// reported in a summary at most once per <see cref="SummaryInterval"/>. Every record is counted as
/// <see cref="DropReason.UnknownModel"/> either way.
/// </summary>
internal sealed class UnknownModelMonitors
{
    /// <summary>How many unknown names get a monitor (and a log line) of their own.</summary>
    public const int Capacity = 16;

    /// <summary>The shortest time between two summaries of the names past <see cref="Capacity"/>.</summary>
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest name a log line quotes; longer ones are shortened (they cannot be model names anyway).</summary>
    private const int LoggedNameLength = 128;

    private readonly ConcurrentDictionary<string, UnknownModelMonitor> _named = new(StringComparer.Ordinal);
    private readonly UnknownModelMonitor _shared;
    private readonly DropCounters _drops;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private int _namedCount;
    private long _unsummarised;
    private long _lastSummary;
    private volatile bool _summarised;

    public UnknownModelMonitors(DropCounters drops, TimeProvider time, ILogger logger)
    {
        _drops = drops;
        _time = time;
        _logger = logger;
        _shared = new UnknownModelMonitor("(unknown)", drops);
    }

    /// <summary>Gets the number of names with a monitor of their own, at most <see cref="Capacity"/>.</summary>
    public int NamedCount => Volatile.Read(ref _namedCount);

    public IModelMonitor Get(string? name)
    {
        name ??= string.Empty;
        if (_named.TryGetValue(name, out var known))
        {
            return known;
        }

        // Only a name that could be configured is kept: it is short, and likely a typo worth naming.
        if (NamedCount < Capacity && ModelValidator.IsValidName(name))
        {
            lock (_gate)
            {
                if (_named.TryGetValue(name, out known))
                {
                    return known;
                }

                if (_namedCount < Capacity)
                {
                    var monitor = new UnknownModelMonitor(name, _drops);
                    _named[name] = monitor;
                    Volatile.Write(ref _namedCount, _namedCount + 1);
                    Log.UnknownModel(_logger, name);
                    return monitor;
                }
            }
        }

        Interlocked.Increment(ref _unsummarised);
        SummariseIfDue(name);
        return _shared;
    }

    private void SummariseIfDue(string latest)
    {
        var now = _time.GetTimestamp();
        if (_summarised && _time.GetElapsedTime(Volatile.Read(ref _lastSummary), now) < SummaryInterval)
        {
            return;
        }

        lock (_gate)
        {
            if (_summarised && _time.GetElapsedTime(_lastSummary, now) < SummaryInterval)
            {
                return;
            }

            _summarised = true;
            Volatile.Write(ref _lastSummary, now);
            var count = Interlocked.Exchange(ref _unsummarised, 0);
            Log.UnknownModelsSummarised(_logger, count, Capacity, latest.Length > LoggedNameLength ? latest[..LoggedNameLength] + "…" : latest, SummaryInterval);
        }
    }
}
