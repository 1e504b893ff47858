using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Internal;

namespace ModelMonitoring.Alerting;

/// <summary>
/// One channel's own bounded queue and delivery loop, so that a slow or hung channel delays no other:
/// each delivery is bounded by the alert timeout, and a full queue drops (and counts) new notifications.
/// </summary>
internal sealed class ChannelQueue
{
    private readonly IAlertChannel _channel;
    private readonly Channel<Alert> _queue;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Task _loop;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private int _pending;
    private long _delivered;
    private long _failed;
    private long _dropped;

    public ChannelQueue(IAlertChannel channel, int capacity, TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
    {
        _channel = channel;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    public string Name => _channel.Name;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryEnqueue(Alert alert)
    {
        lock (_gate)
        {
            if (!_queue.Writer.TryWrite(alert))
            {
                Interlocked.Increment(ref _dropped);
                Log.AlertNotificationDropped(_logger, _channel.Name, alert.Name, alert.Model);
                return false;
            }

            if (_pending++ == 0)
            {
                _idle = NewIdle(completed: false);
            }

            return true;
        }
    }

    /// <summary>Waits until every queued notification was handled (delivered or failed), up to <paramref name="timeout"/>.</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan timeout)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(timeout, _timeProvider).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Stops taking notifications, delivers what is queued within <paramref name="timeout"/>, then abandons the rest.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(timeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            Interlocked.Increment(ref _dropped);
            Log.AlertNotificationDropped(_logger, _channel.Name, left.Name, left.Model);
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }

    private async Task RunAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (!_stop.IsCancellationRequested && _queue.Reader.TryRead(out var alert))
            {
                await DeliverAsync(alert).ConfigureAwait(false);
                lock (_gate)
                {
                    if (--_pending == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }

            if (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(Alert alert)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Token);
        try
        {
            // WaitAsync also abandons a channel that ignores its token.
            await _channel.SendAsync(alert, linked.Token).AsTask().WaitAsync(_timeout, _timeProvider, _stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            Log.AlertDeliveryFailed(_logger, ex, _channel.Name, alert.Name, alert.Model);
        }
    }
}
