using Microsoft.Extensions.Options;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>Checks <see cref="SqliteStorageOptions"/>; reports every error at once, naming the setting and what is allowed.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    private static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (CheckPath(options.Path) is { } pathError)
        {
            errors.Add($"SqliteStorageOptions.Path: {pathError}");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > MaxBusyTimeout)
        {
            errors.Add($"SqliteStorageOptions.BusyTimeout: {options.BusyTimeout} is not allowed; use a value from zero to 10 minutes.");
        }

        if (!Enum.IsDefined(options.SynchronousMode))
        {
            errors.Add($"SqliteStorageOptions.SynchronousMode: {options.SynchronousMode} is not allowed; use Normal or Full.");
        }

        CheckRetention(errors, nameof(options.RawPredictionRetention), options.RawPredictionRetention);
        CheckRetention(errors, nameof(options.WindowRetention), options.WindowRetention);
        CheckRetention(errors, nameof(options.HourlyRollupRetention), options.HourlyRollupRetention);
        CheckRetention(errors, nameof(options.DailyRollupRetention), options.DailyRollupRetention);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Returns what is wrong with the path, or <see langword="null"/> when the store can create or open it.</summary>
    internal static string? CheckPath(string? path)
    {
        const string Allowed = "use the path of a database file in an existing directory, such as 'monitoring.db' (the file is created when missing).";
        if (string.IsNullOrWhiteSpace(path))
        {
            return $"must be set; {Allowed}";
        }

        if (path.Equals(":memory:", StringComparison.OrdinalIgnoreCase) || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{path}' is not allowed: in-memory databases and URIs cannot be shared by the store's connections; {Allowed}";
        }

        if (path.AsSpan().IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            return $"'{Printable(path)}' contains characters that are not allowed in a path; {Allowed}";
        }

        string fullPath;
        try
        {
            fullPath = SqlitePaths.Resolve(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{Printable(path)}' is not a valid path ({ex.Message}); {Allowed}";
        }

        if (Directory.Exists(fullPath))
        {
            return $"'{path}' is a directory; {Allowed}";
        }

        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return $"the directory '{directory}' of '{path}' does not exist; {Allowed}";
        }

        return null;
    }

    private static void CheckRetention(List<string> errors, string name, TimeSpan? retention)
    {
        const int Max = SqliteRetentionConstants.MaxRetentionDays;
        if (retention is { } value && (value.Ticks % TimeSpan.TicksPerDay != 0 || value < TimeSpan.FromDays(1) || value > TimeSpan.FromDays(Max)))
        {
            errors.Add($"SqliteStorageOptions.{name}: {value} is not allowed; use whole days from 1 to {Max:N0} (such as 30.00:00:00), or null to keep the rows for ever.");
        }
    }

    private static string Printable(string path) => path.Replace("\0", "\\0", StringComparison.Ordinal);
}
