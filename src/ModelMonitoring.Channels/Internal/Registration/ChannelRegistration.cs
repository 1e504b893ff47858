using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.Registration;

/// <summary>
/// Registers one named channel: its named options (validated at start-up), its validator, its named
/// <see cref="HttpClient"/> when it has one, and the channel itself as an <see cref="IAlertChannel"/>.
/// Registering a name again only adds configuration.
/// </summary>
internal static class ChannelRegistration
{
    private const int MaxNameLength = 64;

    /// <summary>The name of a channel's <see cref="HttpClient"/>: <c>ModelMonitoring.Channels.{name}</c>.</summary>
    public static string HttpClientName(string channel) => "ModelMonitoring.Channels." + channel;

    public static IModelMonitoringBuilder Add<TOptions>(
        IModelMonitoringBuilder builder,
        string name,
        string kind,
        Action<TOptions>? configure,
        Func<IServiceProvider, string, TOptions, IAlertChannel> create,
        bool usesHttp)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        CheckName(name);
        var services = builder.Services;
        var first = Registry(services).Add(name, kind);
        var options = services.AddOptions<TOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        if (!first)
        {
            return builder;
        }

        services.TryAddSingleton(TimeProvider.System);
        if (usesHttp)
        {
            services.AddHttpClient(HttpClientName(name))
                .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
                {
                    // A redirect would carry the body (and the webhook's signature) to another address;
                    // a 3xx is reported instead. Attempts are timed by the delivery pipeline, on the
                    // injected clock, so the client's own timeout is off.
                    AllowAutoRedirect = false,
                    UseCookies = false,
                })

                // The default handlers log every request URI, and a Slack or webhook URL is a secret.
                .RemoveAllLoggers();
        }

        services.AddSingleton<IAlertChannel>(sp => create(sp, name, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        return builder;
    }

    public static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    public static ILoggerFactory Loggers(IServiceProvider services) => services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;

    /// <summary>The registry of this service collection, added with the first channel.</summary>
    public static ChannelNameRegistry Registry(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ChannelNameRegistry) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is ChannelNameRegistry existing)
            {
                return existing;
            }
        }

        var registry = new ChannelNameRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    public static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxNameLength || !name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException(
                $"'{name}' is not allowed as an alert channel name; use 1 to {MaxNameLength} letters, digits, '-', '_' or '.', such as 'slack-oncall'.",
                nameof(name));
        }
    }
}
