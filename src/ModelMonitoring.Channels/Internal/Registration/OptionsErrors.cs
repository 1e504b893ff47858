using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.Registration;

/// <summary>
/// Collects the problems of one channel's options, each naming the setting and what is allowed, such
/// as <c>SlackChannelOptions['slack'].WebhookUrl: must be …</c>. Values of credentials are never quoted.
/// </summary>
internal sealed class OptionsErrors(string optionsType, string? channel)
{
    private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxMaxRetryDelay = TimeSpan.FromHours(1);
    private const int MaxRetries = 10;

    private readonly List<string> _errors = [];

    public void Add(string setting, string problem) => _errors.Add($"{optionsType}['{channel}'].{setting}: {problem}");

    /// <summary>Checks a URL without ever quoting it: webhook URLs carry their token in the path.</summary>
    public void HttpUrl(string setting, Uri? url, string example)
    {
        var allowed = $"use an absolute http or https URL, such as {example}";
        if (url is null)
        {
            Add(setting, $"must be set; {allowed}.");
        }
        else if (!url.IsAbsoluteUri)
        {
            Add(setting, $"the URL set is relative, which is not allowed; {allowed}.");
        }
        else if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            Add(setting, $"the URL set uses the scheme '{url.Scheme}', which is not allowed; {allowed}.");
        }
    }

    /// <summary>Checks that a secret is set, without quoting it.</summary>
    public void Secret(string setting, string? secret, string what)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            Add(setting, $"must be set to {what}; it is {(secret is null ? "not set" : "empty or blank")}.");
        }
    }

    public void Delivery(ChannelDeliveryOptions options)
    {
        MinimumSeverity(options.MinimumSeverity);
        if (options.AttemptTimeout < MinAttemptTimeout || options.AttemptTimeout > MaxAttemptTimeout)
        {
            Add(nameof(options.AttemptTimeout), $"{options.AttemptTimeout} is not allowed; use a value from 10 milliseconds to 10 minutes.");
        }

        if (options.MaxRetries is < 0 or > MaxRetries)
        {
            Add(nameof(options.MaxRetries), $"{options.MaxRetries} is not allowed; use a value from 0 to {MaxRetries}.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > MaxRetryDelay)
        {
            Add(nameof(options.RetryDelay), $"{options.RetryDelay} is not allowed; use a value from zero to 10 minutes.");
        }

        if (options.MaxRetryDelay < options.RetryDelay || options.MaxRetryDelay > MaxMaxRetryDelay)
        {
            Add(nameof(options.MaxRetryDelay), $"{options.MaxRetryDelay} is not allowed; use a value from RetryDelay ({options.RetryDelay}) to 1 hour.");
        }
    }

    public void MinimumSeverity(AlertSeverity severity)
    {
        if (!Enum.IsDefined(severity))
        {
            Add(nameof(ChannelDeliveryOptions.MinimumSeverity), $"{severity} is not allowed; use Info, Warning or Critical.");
        }
    }

    /// <summary>The errors found so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public ValidateOptionsResult Result() => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
