using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ModelMonitoring.Configuration;

/// <summary>
/// Binding steps shared by the configuration binders. None throws: every problem is added to the
/// error list, which the options validator reports with every other error, so a bad file fails at
/// start-up naming each key, and a bad reload is refused while the last valid settings stay.
/// </summary>
internal static class ConfigurationBinding
{
    private static readonly Action<BinderOptions> Strict = static o => o.ErrorOnUnknownConfiguration = true;

    /// <summary>Binds <paramref name="section"/> into <paramref name="instance"/>, refusing keys that are not its properties.</summary>
    public static void BindStrict(IConfigurationSection section, object instance, List<string> errors)
    {
        try
        {
            section.Bind(instance, Strict);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            errors.Add($"{section.Path}: {ex.Message}");
        }
    }

    /// <summary>Reads a new <typeparamref name="T"/> from <paramref name="section"/>, refusing unknown keys; <see langword="null"/> after an error.</summary>
    public static T? GetStrict<T>(IConfigurationSection section, List<string> errors)
        where T : class
    {
        try
        {
            return section.Get<T>(Strict);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            errors.Add($"{section.Path}: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// Sets the public settable property of <paramref name="target"/> that <paramref name="child"/> names
    /// (case-insensitively, as the configuration binder does). Returns <see langword="false"/> when there is none.
    /// </summary>
    public static bool TrySetProperty(object target, IConfigurationSection child, List<string> errors)
    {
        var property = target.GetType().GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.SetMethod is not { IsPublic: true })
        {
            return false;
        }

        try
        {
            property.SetValue(target, child.Get(property.PropertyType, Strict));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            errors.Add($"{child.Path}: {ex.Message}");
        }

        return true;
    }

    /// <summary>Reports a key that names no setting, with the keys that are allowed at that place.</summary>
    public static void Unknown(IConfigurationSection child, Type settings, IEnumerable<string> sections, List<string> errors)
    {
        var allowed = settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name)
            .Concat(sections)
            .Order(StringComparer.Ordinal);
        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{child.Path}: '{child.Key}' is not a setting of {settings.Name}; use one of {string.Join(", ", allowed)}."));
    }

    public static bool Is(IConfigurationSection child, string key) => string.Equals(child.Key, key, StringComparison.OrdinalIgnoreCase);
}
