using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>
/// A service provider set up the way an application sets it up (<c>AddModelMonitoring()</c> plus
/// channels), on an observed fake clock, with every log line of every category captured at Trace level.
/// </summary>
public sealed class ChannelHost : IAsyncDisposable
{
    private ChannelHost(ServiceProvider services, ObservedClock clock, CapturingLoggerProvider logs)
    {
        Services = services;
        Clock = clock;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public ObservedClock Clock { get; }

    public CapturingLoggerProvider Logs { get; }

    public static ChannelHost Create(Action<IModelMonitoringBuilder> configure, ObservedClock? clock = null, Action<IServiceCollection>? services = null)
    {
        clock ??= new ObservedClock();
        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        configure(collection.AddModelMonitoring());
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ChannelHost(provider, clock, logs);
    }

    public IAlertChannel Channel(string name) => Services.GetServices<IAlertChannel>().Single(channel => channel.Name == name);

    public TOptions Options<TOptions>(string name) => Services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);

    /// <summary>Returns a loopback port nothing listens on, so connecting to it is refused.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
