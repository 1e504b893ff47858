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
    private readonly object _advancing = new();
    private readonly List<TimeSpan> _timers = [];
    private TaskCompletionSource _started = NewSignal();
    private bool _inAdvance;
    private int _cursor;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    /// <summary>Gets the due times of every timer started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Timers { get { lock (_gate) { return [.. _timers]; } } }

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, _fake.CreateTimer(callback, state, dueTime, period));
        Started(dueTime);
        return timer;
    }

    /// <summary>
    /// Moves the clock, firing due timers on this thread. One advance at a time: the fake clock sets
    /// its time at the end of an advance, so an advance nested in a timer callback (or running beside
    /// another) could move it backwards.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        if (!Monitor.TryEnter(_advancing))
        {
            throw new InvalidOperationException("The clock is already being advanced; tests advance it from one flow only.");
        }

        try
        {
            if (_inAdvance)
            {
                throw new InvalidOperationException("Advance was called from inside a timer callback.");
            }

            _inAdvance = true;
            _fake.Advance(by);
        }
        finally
        {
            _inAdvance = false;
            Monitor.Exit(_advancing);
        }
    }

    /// <summary>Waits for the next timer (after those already returned or skipped) whose due time matches, and returns it.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken = default)
    {
        int from;
        lock (_gate)
        {
            from = _cursor;
        }

        var (due, next) = await FindTimerAsync(from, match, cancellationToken);
        Consumed(next);
        return due;
    }

    /// <summary>
    /// Lets a delivery run to its end, jumping the clock over each back-off delay as soon as the
    /// channel starts waiting on it. Timers of <paramref name="attemptTimeout"/> are the attempts' own
    /// timeouts and are left alone. Returns the delays it jumped over.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> SkipDelaysAsync(Task delivery, TimeSpan attemptTimeout)
    {
        var delays = new List<TimeSpan>();
        int cursor;
        lock (_gate)
        {
            cursor = _cursor;
        }

        using var done = new CancellationTokenSource();
        while (true)
        {
            // The cursor is this loop's own: a search abandoned when the delivery ends consumes nothing.
            var next = FindTimerAsync(cursor, due => due != attemptTimeout, done.Token);
            if (await Task.WhenAny(delivery, next).Within().ConfigureAwait(ConfigureAwaitOptions.ForceYielding) == delivery)
            {
                await done.CancelAsync();
                lock (_gate)
                {
                    // Everything started so far belonged to this delivery.
                    Consumed(_timers.Count);
                }

                return delays;
            }

            (var delay, cursor) = await next;
            delays.Add(delay);
            Advance(delay);
        }
    }

    /// <summary>Lets a delivery run to its end, firing every timer (attempt timeouts too) as soon as it starts.</summary>
    public Task<IReadOnlyList<TimeSpan>> SkipAllTimersAsync(Task delivery) => SkipDelaysAsync(delivery, attemptTimeout: Timeout.InfiniteTimeSpan);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<(TimeSpan Due, int Next)> FindTimerAsync(int from, Func<TimeSpan, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task started;
            lock (_gate)
            {
                for (; from < _timers.Count; from++)
                {
                    if (match(_timers[from]))
                    {
                        return (_timers[from], from + 1);
                    }
                }

                started = _started.Task;
            }

            // Every waiter wakes on every new timer, on a thread of its own (never inline in the code
            // that started the timer, which must not find the test advancing the clock under it).
            await started.WaitAsync(cancellationToken);
        }
    }

    private void Consumed(int next)
    {
        lock (_gate)
        {
            _cursor = Math.Max(_cursor, next);
        }
    }

    /// <summary>Records a timer that was set to fire (some are created stopped and set later).</summary>
    private void Started(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        TaskCompletionSource signal;
        lock (_gate)
        {
            _timers.Add(dueTime);
            signal = _started;
            _started = NewSignal();
        }

        signal.TrySetResult();
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
