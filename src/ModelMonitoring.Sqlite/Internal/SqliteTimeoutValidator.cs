using Microsoft.Extensions.Options;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>
/// Checks that a SQLite write gives up waiting for another connection's lock
/// (<see cref="SqliteStorageOptions.BusyTimeout"/>) before the pipeline abandons the write
/// (<see cref="ModelMonitoringOptions.SinkTimeout"/>): a write abandoned while SQLite still waits holds the
/// store's one write connection, so every later batch would be abandoned behind it instead of retried.
/// </summary>
internal sealed class SqliteTimeoutValidator(IOptions<SqliteStorageOptions> sqlite) : IValidateOptions<ModelMonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelMonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var busyTimeout = sqlite.Value.BusyTimeout;
        return busyTimeout < options.SinkTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"SqliteStorageOptions.BusyTimeout: {busyTimeout} is not allowed with ModelMonitoringOptions.SinkTimeout {options.SinkTimeout}; "
                + "use a busy timeout shorter than the sink timeout (or a longer sink timeout), so that a write waiting for another process's lock fails and is retried before the pipeline abandons it.");
    }
}
