namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>Enums are stored as their names (text with a CHECK constraint), so plain SQL reads them without a lookup table.</summary>
internal static class EnumText
{
    public static string Name<T>(T value)
        where T : struct, Enum =>
        Enum.GetName(value) ?? throw new ArgumentException($"{typeof(T).Name} {value} is not a defined value.", nameof(value));

    public static T Parse<T>(string name)
        where T : struct, Enum =>
        Enum.Parse<T>(name, ignoreCase: false);
}
