using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace ModelMonitoring.Cli;

/// <summary>The store, model and time range options the commands that read a SQLite store share.</summary>
internal static class StoreArguments
{
    /// <summary>Opens the SQLite file the monitoring pipeline wrote; a missing file is a usage error, never a new empty store.</summary>
    public static ServiceProvider Open(string store)
    {
        if (!File.Exists(store))
        {
            throw new UsageException($"Option '--store': the file '{store}' does not exist.");
        }

        var services = new ServiceCollection();
        services.AddModelMonitoring().UseSqlite(store);
        return services.BuildServiceProvider();
    }

    public static DateTimeOffset? Time(string? value, string option) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new UsageException($"Option '{option}': '{value}' is not a time; use ISO 8601, such as 2026-03-01T12:00:00Z.");

    public static void CheckRange(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new UsageException("Option '--to' must be after '--from'.");
        }
    }
}
