using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels;
using ModelMonitoring.Channels.Internal.Console;
using ModelMonitoring.Channels.Internal.Email;
using ModelMonitoring.Channels.Internal.PagerDuty;
using ModelMonitoring.Channels.Internal.Registration;
using ModelMonitoring.Channels.Internal.Slack;
using ModelMonitoring.Channels.Internal.Webhook;
using static ModelMonitoring.Channels.Internal.Registration.ChannelRegistration;

namespace ModelMonitoring;

/// <summary>
/// Adds alert channels to model monitoring: console, signed webhook, Slack, PagerDuty and email.
/// </summary>
/// <remarks>
/// Each channel has a name (its <see cref="IAlertChannel.Name"/>, used to route alerts to it), with a
/// default per kind; give channels of one kind different names to register several. Registering a
/// name again only adds configuration; a name taken by a channel of another kind is an error. Options
/// are named options (the channel's name) validated at start-up, every error reported at once. HTTP
/// channels use the <see cref="HttpClient"/> named <c>ModelMonitoring.Channels.{name}</c> from
/// <see cref="IHttpClientFactory"/>, without its request logging, which would log secret URLs.
/// </remarks>
public static class ChannelsModelMonitoringBuilderExtensions
{
    /// <summary>Writes one line per alert to the console (or another writer), coloured by severity; named <c>console</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the writer and colours, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddConsoleChannel(this IModelMonitoringBuilder builder, Action<ConsoleChannelOptions>? configure = null) =>
        builder.AddConsoleChannel(ConsoleChannelOptions.DefaultName, configure);

    /// <summary>Writes one line per alert to the console (or another writer), coloured by severity.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel's name: 1 to 64 letters, digits, '-', '_' or '.'.</param>
    /// <param name="configure">Sets the writer and colours, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddConsoleChannel(this IModelMonitoringBuilder builder, string name, Action<ConsoleChannelOptions>? configure = null)
    {
        AddValidator<ConsoleChannelOptions, ConsoleChannelOptionsValidator>(builder);
        return Add(builder, name, ChannelKinds.Console, configure, static (_, name, options) => new ConsoleAlertChannel(name, options), usesHttp: false);
    }

    /// <summary>POSTs each alert as JSON signed with HMAC-SHA256 (see <see cref="WebhookSignature"/>); named <c>webhook</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the URL and secret (both required) and delivery settings.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// .AddWebhookChannel(o =>
    /// {
    ///     o.Url = new Uri("https://alerts.example.com/hooks/models");
    ///     o.Secret = configuration["Alerts:WebhookSecret"];
    /// })
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder AddWebhookChannel(this IModelMonitoringBuilder builder, Action<WebhookChannelOptions> configure) =>
        builder.AddWebhookChannel(WebhookChannelOptions.DefaultName, configure);

    /// <summary>POSTs each alert as JSON signed with HMAC-SHA256 (see <see cref="WebhookSignature"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel's name: 1 to 64 letters, digits, '-', '_' or '.'.</param>
    /// <param name="configure">Sets the URL and secret (both required) and delivery settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddWebhookChannel(this IModelMonitoringBuilder builder, string name, Action<WebhookChannelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddValidator<WebhookChannelOptions, WebhookChannelOptionsValidator>(builder);
        return Add(builder, name, ChannelKinds.Webhook, configure, static (sp, name, options) =>
            new WebhookAlertChannel(name, options, sp.GetRequiredService<IHttpClientFactory>(), Time(sp), Loggers(sp)), usesHttp: true);
    }

    /// <summary>Posts each alert to a Slack incoming webhook; named <c>slack</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the webhook URL (required) and delivery settings.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// .AddSlackChannel(o => o.WebhookUrl = new Uri(configuration["Alerts:SlackWebhookUrl"]!))
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder AddSlackChannel(this IModelMonitoringBuilder builder, Action<SlackChannelOptions> configure) =>
        builder.AddSlackChannel(SlackChannelOptions.DefaultName, configure);

    /// <summary>Posts each alert to a Slack incoming webhook.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel's name: 1 to 64 letters, digits, '-', '_' or '.'.</param>
    /// <param name="configure">Sets the webhook URL (required) and delivery settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddSlackChannel(this IModelMonitoringBuilder builder, string name, Action<SlackChannelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddValidator<SlackChannelOptions, SlackChannelOptionsValidator>(builder);
        return Add(builder, name, ChannelKinds.Slack, configure, static (sp, name, options) =>
            new SlackAlertChannel(name, options, sp.GetRequiredService<IHttpClientFactory>(), Time(sp), Loggers(sp)), usesHttp: true);
    }

    /// <summary>Triggers, acknowledges and resolves PagerDuty incidents through the Events API v2; named <c>pagerduty</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the routing key (required), severities and delivery settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddPagerDutyChannel(this IModelMonitoringBuilder builder, Action<PagerDutyChannelOptions> configure) =>
        builder.AddPagerDutyChannel(PagerDutyChannelOptions.DefaultName, configure);

    /// <summary>Triggers, acknowledges and resolves PagerDuty incidents through the Events API v2.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel's name: 1 to 64 letters, digits, '-', '_' or '.'.</param>
    /// <param name="configure">Sets the routing key (required), severities and delivery settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddPagerDutyChannel(this IModelMonitoringBuilder builder, string name, Action<PagerDutyChannelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddValidator<PagerDutyChannelOptions, PagerDutyChannelOptionsValidator>(builder);
        return Add(builder, name, ChannelKinds.PagerDuty, configure, static (sp, name, options) =>
            new PagerDutyAlertChannel(name, options, sp.GetRequiredService<IHttpClientFactory>(), Time(sp), Loggers(sp)), usesHttp: true);
    }

    /// <summary>Sends each alert as a plain-text email through an SMTP server; named <c>email</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the server, sender and recipients (required), credentials and delivery settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddEmailChannel(this IModelMonitoringBuilder builder, Action<EmailChannelOptions> configure) =>
        builder.AddEmailChannel(EmailChannelOptions.DefaultName, configure);

    /// <summary>Sends each alert as a plain-text email through an SMTP server.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel's name: 1 to 64 letters, digits, '-', '_' or '.'.</param>
    /// <param name="configure">Sets the server, sender and recipients (required), credentials and delivery settings.</param>
    /// <returns>The builder.</returns>
    public static IModelMonitoringBuilder AddEmailChannel(this IModelMonitoringBuilder builder, string name, Action<EmailChannelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddValidator<EmailChannelOptions, EmailChannelOptionsValidator>(builder);
        return Add(builder, name, ChannelKinds.Email, configure, static (sp, name, options) =>
            new EmailAlertChannel(name, options, Time(sp), Loggers(sp)), usesHttp: false);
    }

    /// <summary>
    /// Declares channels from configuration, such as the <c>ModelMonitoring:Channels</c> section: one key
    /// per kind (<c>Console</c>, <c>Webhook</c>, <c>Slack</c>, <c>PagerDuty</c>, <c>Email</c>), each holding
    /// one channel or an array of channels; a channel's optional <c>Name</c> defaults to its kind's
    /// default name, the other keys are the settings of that kind's options, validated at start-up like
    /// options set in code.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The <c>Channels</c> section.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="OptionsValidationException">
    /// A key is not a kind of channel or not a setting of its channel (such as a misspelt <c>WebhookUrl</c>),
    /// or two channels share a name; the message names each key by its configuration path.
    /// </exception>
    /// <remarks>Channels are built once, so changes to this section take effect at the next start.</remarks>
    /// <example>
    /// <code>
    /// "Channels": {
    ///   "Slack": { "WebhookUrl": "https://hooks.slack.com/services/…", "MinimumSeverity": "Warning" },
    ///   "Webhook": [ { "Name": "ops", "Url": "https://ops.example.com/hook", "Secret": "…" } ]
    /// }
    /// </code>
    /// </example>
    public static IModelMonitoringBuilder AddChannels(this IModelMonitoringBuilder builder, IConfiguration configuration) =>
        ChannelConfiguration.Add(builder, configuration);

    private static void AddValidator<TOptions, TValidator>(IModelMonitoringBuilder builder)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
