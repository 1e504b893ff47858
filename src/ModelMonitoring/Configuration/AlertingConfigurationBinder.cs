using Microsoft.Extensions.Configuration;
using ModelMonitoring.Alerting;
using static ModelMonitoring.Configuration.ConfigurationBinding;

namespace ModelMonitoring.Configuration;

/// <summary>
/// Binds an <c>Alerting</c> section into <see cref="AlertingOptions"/> so that binding it again changes
/// nothing: a rule replaces the rule of the same name (one declared in code included), a silence the
/// same silence, a pattern's entry of <c>Policies</c> the policy of that pattern, and <c>Escalation</c> and
/// each severity's <c>Routes</c> replace the list they name.
/// The stock binder appends to lists instead, which declared every rule twice.
/// </summary>
internal static class AlertingConfigurationBinder
{
    private static readonly string[] Sections = ["Escalation", "Policies", "Routes", "Rules", "Silences", "Suppression"];

    public static void Bind(IConfiguration section, AlertingOptions options, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            if (Is(child, "Rules"))
            {
                BindRules(child, options.Rules, errors);
            }
            else if (Is(child, "Silences"))
            {
                foreach (var silence in Read<Silence>(child, errors))
                {
                    Remove(options.Silences, s => s == silence || (silence.Id.Length > 0 && s.Id == silence.Id));
                    options.Silences.Add(silence);
                }
            }
            else if (Is(child, "Escalation"))
            {
                options.Escalation.Clear();
                foreach (var level in Read<EscalationLevel>(child, errors))
                {
                    options.Escalation.Add(level);
                }
            }
            else if (Is(child, "Routes"))
            {
                BindRoutes(child, options.Routes, errors);
            }
            else if (Is(child, "Policies"))
            {
                // A pattern's policy replaces the one declared for it in code or by an earlier binding.
                foreach (var entry in child.GetChildren())
                {
                    if (GetStrict<AlertPolicy>(entry, errors) is { } policy)
                    {
                        options.Policies[entry.Key] = policy;
                    }
                }
            }
            else if (Is(child, "Suppression"))
            {
                BindStrict(child, options.Suppression, errors);
            }
            else if (!TrySetProperty(options, child, errors))
            {
                Unknown(child, typeof(AlertingOptions), Sections, errors);
            }
        }
    }

    private static void BindRules(IConfigurationSection section, IList<AlertRule> rules, List<string> errors)
    {
        var incoming = Read<AlertRule>(section, errors);
        var names = incoming.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        Remove(rules, r => names.Contains(r.Name));
        foreach (var rule in incoming)
        {
            rules.Add(rule);
        }
    }

    private static void BindRoutes(IConfigurationSection section, IDictionary<AlertSeverity, IList<string>> routes, List<string> errors)
    {
        foreach (var route in section.GetChildren())
        {
            if (!Enum.TryParse<AlertSeverity>(route.Key, ignoreCase: true, out var severity) || !Enum.IsDefined(severity) || int.TryParse(route.Key, out _))
            {
                errors.Add($"{route.Path}: '{route.Key}' is not a severity; use {string.Join(", ", Enum.GetNames<AlertSeverity>())}.");
                continue;
            }

            routes[severity] = [.. route.Value is { Length: > 0 } single ? [single] : route.GetChildren().Select(c => c.Value ?? string.Empty)];
        }
    }

    private static List<T> Read<T>(IConfigurationSection section, List<string> errors)
        where T : class =>
        [.. section.GetChildren().Select(c => GetStrict<T>(c, errors)).OfType<T>()];

    private static void Remove<T>(IList<T> list, Func<T, bool> match)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (match(list[i]))
            {
                list.RemoveAt(i);
            }
        }
    }
}
