using Microsoft.Extensions.Options;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>
/// Checks that a statement is cancelled by the server (<see cref="PostgreSqlStorageOptions.CommandTimeout"/>)
/// before the pipeline abandons the write (<see cref="ModelMonitoringOptions.SinkTimeout"/>): an abandoned
/// write whose transaction still runs on the server holds its locks and connection while the retry starts.
/// </summary>
internal sealed class PostgreSqlTimeoutValidator(IOptions<PostgreSqlStorageOptions> postgres) : IValidateOptions<ModelMonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelMonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = postgres.Value.CommandTimeout;
        return timeout < options.SinkTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"PostgreSqlStorageOptions.CommandTimeout: {timeout} is not allowed with ModelMonitoringOptions.SinkTimeout {options.SinkTimeout}; "
                + "use a command timeout shorter than the sink timeout (or a longer sink timeout), so that a slow write is cancelled by the server and retried before the pipeline abandons it.");
    }
}
