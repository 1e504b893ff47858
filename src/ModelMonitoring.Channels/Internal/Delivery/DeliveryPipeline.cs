using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ModelMonitoring.Channels.Internal.Delivery;

/// <summary>
/// Runs the attempts of one delivery: each bounded by the attempt timeout, transient failures retried
/// with exponential back-off and jitter (or the receiver's <c>Retry-After</c>), all on the injected
/// <see cref="TimeProvider"/>. Ends by returning (delivered) or throwing <see cref="AlertDeliveryException"/>
/// with a message free of secrets.
/// </summary>
internal sealed class DeliveryPipeline
{
    private static readonly ResiliencePropertyKey<Alert> AlertKey = new("ModelMonitoring.Channels.Alert");

    private readonly ResiliencePipeline<AttemptResult> _pipeline;
    private readonly string _channel;
    private readonly TimeSpan _attemptTimeout;
    private readonly ILogger _logger;

    public DeliveryPipeline(string channel, ChannelDeliveryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _channel = channel;
        _attemptTimeout = options.AttemptTimeout;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder<AttemptResult>
        {
            Name = "ModelMonitoring.Channels",
            InstanceName = channel,
            TimeProvider = timeProvider,
        };

        // Polly's retry needs at least one retry; with none, attempts are only bounded in time.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Exception is null ? args.Outcome.Result.RetryAfter : null),
                OnRetry = args =>
                {
                    var alert = args.Context.Properties.GetValue(AlertKey, null!);
                    Log.AttemptFailed(_logger, _channel, alert.Id, alert.Name, alert.Model, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    return default;
                },
            });
        }

        // Added after the retry, so it sits inside it and bounds each attempt rather than all of them.
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        _pipeline = builder.Build();
    }

    /// <summary>Delivers an alert by running <paramref name="attempt"/> until it delivers, fails permanently or runs out of retries.</summary>
    public async ValueTask DeliverAsync<TState>(Alert alert, Func<TState, CancellationToken, ValueTask<AttemptResult>> attempt, TState state, CancellationToken cancellationToken)
    {
        var run = new Run<TState>(attempt, state);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AlertKey, alert);
        AttemptResult result;
        try
        {
            result = await _pipeline.ExecuteAsync(static (context, run) => run.InvokeAsync(context.CancellationToken), context, run).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new AlertDeliveryException(_channel, $"no answer within the attempt timeout of {_attemptTimeout} ({Attempts(run.Attempts)})", isPermanent: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (the overall alert timeout or shutdown). Thrown afresh so no transport
            // exception, whose message might name the endpoint, travels with it.
            throw new OperationCanceledException($"Alert channel '{_channel}' was cancelled before the alert was delivered.", null, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        switch (result.Outcome)
        {
            case AttemptOutcome.Delivered:
                Log.Delivered(_logger, _channel, alert.Id, alert.State, run.Attempts);
                return;
            case AttemptOutcome.Permanent:
                throw new AlertDeliveryException(_channel, $"{result.Reason} (not retried: retrying cannot fix it)", isPermanent: true);
            default:
                throw new AlertDeliveryException(_channel, $"{result.Reason} ({Attempts(run.Attempts)})", isPermanent: false);
        }
    }

    private static bool IsTransient(Outcome<AttemptResult> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => true,
        null => outcome.Result.Outcome == AttemptOutcome.Transient,
        _ => false,
    };

    private string Describe(Outcome<AttemptResult> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => $"no answer within the attempt timeout of {_attemptTimeout}",
        null => outcome.Result.Reason,
        var other => other.GetType().Name,
    };

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    /// <summary>One delivery's attempt callback, its state, and how many attempts it made.</summary>
    private sealed class Run<TState>(Func<TState, CancellationToken, ValueTask<AttemptResult>> attempt, TState state)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public ValueTask<AttemptResult> InvokeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            return attempt(state, cancellationToken);
        }
    }
}
