using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ModelMonitoring.Channels.Internal.Registration;

/// <summary>
/// Declares channels from a <c>Channels</c> configuration section: one key per kind (<c>Console</c>,
/// <c>Webhook</c>, <c>Slack</c>, <c>PagerDuty</c>, <c>Email</c>), holding one channel or an array of
/// channels, each with an optional <c>Name</c> and the settings of that kind's options. A key that is
/// neither a kind nor a setting fails, named by its configuration path, before anything is registered:
/// a misspelt setting would otherwise be ignored and its default used without a word.
/// </summary>
internal static class ChannelConfiguration
{
    private const string NameKey = "Name";

    private static readonly Kind[] Kinds =
    [
        new("Console", typeof(ConsoleChannelOptions), ConsoleChannelOptions.DefaultName, static (b, name, section) => b.AddConsoleChannel(name, o => section.Bind(o))),
        new("Webhook", typeof(WebhookChannelOptions), WebhookChannelOptions.DefaultName, static (b, name, section) => b.AddWebhookChannel(name, o => section.Bind(o))),
        new("Slack", typeof(SlackChannelOptions), SlackChannelOptions.DefaultName, static (b, name, section) => b.AddSlackChannel(name, o => section.Bind(o))),
        new("PagerDuty", typeof(PagerDutyChannelOptions), PagerDutyChannelOptions.DefaultName, static (b, name, section) => b.AddPagerDutyChannel(name, o => section.Bind(o))),
        new("Email", typeof(EmailChannelOptions), EmailChannelOptions.DefaultName, static (b, name, section) => b.AddEmailChannel(name, o => section.Bind(o))),
    ];

    public static IModelMonitoringBuilder Add(IModelMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var channels = new List<(Kind Kind, string Name, IConfigurationSection Section)>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetChildren())
        {
            var kind = Array.Find(Kinds, k => string.Equals(k.Key, entry.Key, StringComparison.OrdinalIgnoreCase));
            if (kind is null)
            {
                errors.Add($"{entry.Path}: '{entry.Key}' is not a kind of channel; use {string.Join(", ", Kinds.Select(static k => k.Key))}.");
                continue;
            }

            foreach (var section in Channels(entry))
            {
                var name = section[NameKey] ?? kind.DefaultName;
                CheckKeys(kind, section, errors);
                if (names.TryGetValue(name, out var first))
                {
                    errors.Add($"{section.Path}: the name '{name}' is already taken by {first}; give each channel its own Name.");
                    continue;
                }

                names.Add(name, section.Path);
                channels.Add((kind, name, section));
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(configuration is IConfigurationSection s ? s.Path : "Channels", typeof(ChannelConfiguration), errors);
        }

        foreach (var (kind, name, section) in channels)
        {
            kind.Register(builder, name, section);
        }

        return builder;
    }

    /// <summary>One channel when the key holds an object (or nothing), several when it holds an array.</summary>
    private static IEnumerable<IConfigurationSection> Channels(IConfigurationSection entry)
    {
        var children = entry.GetChildren().ToArray();
        return children.Length > 0 && children.All(static c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? children
            : [entry];
    }

    private static void CheckKeys(Kind kind, IConfigurationSection section, List<string> errors)
    {
        foreach (var setting in section.GetChildren())
        {
            if (!string.Equals(setting.Key, NameKey, StringComparison.OrdinalIgnoreCase) && !kind.Settings.Contains(setting.Key))
            {
                errors.Add($"{setting.Path}: '{setting.Key}' is not a setting of the {kind.Key} channel; use {NameKey}, {string.Join(", ", kind.Settings.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    private sealed class Kind(string key, Type options, string defaultName, Action<IModelMonitoringBuilder, string, IConfigurationSection> register)
    {
        public string Key { get; } = key;

        public string DefaultName { get; } = defaultName;

        public Action<IModelMonitoringBuilder, string, IConfigurationSection> Register { get; } = register;

        /// <summary>The settings configuration can set: writable properties of simple types, and lists of addresses (a writer cannot come from configuration).</summary>
        public HashSet<string> Settings { get; } = new(
            options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(static p => (p.CanWrite && p.PropertyType != typeof(TextWriter)) || p.PropertyType == typeof(IList<string>))
                .Select(static p => p.Name),
            StringComparer.OrdinalIgnoreCase);
    }
}
