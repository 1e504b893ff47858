using ModelMonitoring.Testing;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer started on it (Polly's retry delays
/// and per-attempt timeouts), so a test can wait until the code under test is waiting on the clock
/// and then move the clock by exactly that much: no pumping, no race with real I/O.
/// </summary>
public sealed class ObservedClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(TestAlerts.Now);
    private readonly object _gate = new();
    private readonly List<TimeSpan> _timers = [];
    private readonly SemaphoreSlim _created = new(0);
    private int _cursor;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, _fake.CreateTimer(callback, state, dueTime, period));
        Started(dueTime);
        return timer;
    }

    /// <summary>Records a timer that was set to fire (some are created stopped and set later).</summary>
    private void Started(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_gate)
        {
            _timers.Add(dueTime);
        }

        _created.Release();
    }

    /// <summary>Gets the due times of every timer created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Timers { get { lock (_gate) { return [.. _timers]; } } }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Waits for the next timer (after those already returned or skipped) whose due time matches, and returns it.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_gate)
            {
                while (_cursor < _timers.Count)
                {
                    var due = _timers[_cursor++];
                    if (match(due))
                    {
                        return due;
                    }
                }
            }

            await _created.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Lets a delivery run to its end, jumping the clock over each back-off delay as soon as the
    /// channel starts waiting on it. Timers of <paramref name="attemptTimeout"/> are the attempts' own
    /// timeouts and are left alone. Returns the delays it jumped over.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> SkipDelaysAsync(Task delivery, TimeSpan attemptTimeout)
    {
        var delays = new List<TimeSpan>();
        using var done = new CancellationTokenSource();
        while (true)
        {
            var next = NextTimerAsync(due => due != attemptTimeout, done.Token);
            if (await Task.WhenAny(delivery, next).Within() == delivery)
            {
                await done.CancelAsync();
                return delays;
            }

            var delay = await next;
            delays.Add(delay);
            Advance(delay);
        }
    }

    private sealed class Timer(ObservedClock owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Started(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
