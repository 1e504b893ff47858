using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Alerting;

/// <summary>An alert manager on a fake clock with named recording channels and a store that can outlive it (to simulate restarts).</summary>
internal sealed class AlertHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private AlertHarness(AlertingOptions options, IAlertStore store, FakeTimeProvider clock, RecordingAlertChannel[] channels)
    {
        Options = options;
        Store = store;
        Clock = clock;
        Channels = channels.ToDictionary(c => c.Name);
        Notifier = new AlertNotifier(options, channels, TimeSpan.FromSeconds(5), clock, NullLogger.Instance);
        Manager = new AlertManager(options, store, Notifier, clock, NullLogger.Instance);
    }

    public AlertingOptions Options { get; }

    public IAlertStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public IReadOnlyDictionary<string, RecordingAlertChannel> Channels { get; }

    public AlertNotifier Notifier { get; }

    public AlertManager Manager { get; }

    public RecordingAlertChannel Logger => Channels["logger"];

    public static AlertHarness Create(Action<AlertingOptions>? configure = null, IAlertStore? store = null, FakeTimeProvider? clock = null, params string[] channels)
    {
        var options = new AlertingOptions();
        configure?.Invoke(options);
        return Create(options, store, clock, channels);
    }

    public static AlertHarness Create(AlertingOptions options, IAlertStore? store, FakeTimeProvider? clock, params string[] channels) =>
        new(options, store ?? new InMemoryAlertStore(), clock ?? new FakeTimeProvider(Start), [.. (channels.Length == 0 ? ["logger"] : channels).Select(Channel)]);

    /// <summary>A channel such as <c>logger</c>, or <c>email&gt;=Critical</c> for one with a minimum severity.</summary>
    private static RecordingAlertChannel Channel(string spec) => spec.Split(">=") is [var name, var minimum]
        ? new RecordingAlertChannel(name) { MinimumSeverity = Enum.Parse<AlertSeverity>(minimum) }
        : new RecordingAlertChannel(spec);

    public static Alert Holds(string name, AlertSeverity severity = AlertSeverity.Warning, string model = "m", DateTimeOffset? at = null, double value = 1) => new()
    {
        Model = model,
        Environment = "prod",
        Name = name,
        Severity = severity,
        State = AlertState.Firing,
        Message = $"{name} holds",
        Value = value,
        Timestamp = at ?? default,
    };

    public static Alert Clears(string name, string model = "m") => Holds(name, model: model) with { State = AlertState.Resolved, Message = $"{name} cleared" };

    /// <summary>Runs one worker cycle with these observations (timestamped now) and waits until every channel has handled what it was sent.</summary>
    public async Task CycleAsync(params Alert[] observations)
    {
        var now = Clock.GetUtcNow();
        await Manager.ProcessAsync([.. observations.Select(o => o.Timestamp == default ? o with { Timestamp = now } : o)], CancellationToken.None);
        (await Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
    }

    public async Task AdvanceAsync(TimeSpan by, params Alert[] observations)
    {
        Clock.Advance(by);
        await CycleAsync(observations);
    }

    public async Task<Alert> StoredAsync(string name) =>
        (await Store.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, AlertQuery.All)).Single(a => a.Name == name);

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in Channels.Values)
        {
            channel.ReleaseHang();
        }

        await Notifier.StopAsync(TimeSpan.FromSeconds(5));
    }
}
