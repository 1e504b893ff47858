using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlStorageOptions"/>; reports every error at once, naming the setting and what is allowed.</summary>
internal sealed partial class PostgreSqlStorageOptionsValidator : IValidateOptions<PostgreSqlStorageOptions>
{
    internal static readonly TimeSpan MaxCommandTimeout = TimeSpan.FromMinutes(10);
    internal const int MaxRetentionDays = 36_500;

    public ValidateOptionsResult Validate(string? name, PostgreSqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (hasConnectionString == (options.DataSource is not null))
        {
            errors.Add(hasConnectionString
                ? "PostgreSqlStorageOptions.ConnectionString: set either ConnectionString or DataSource, not both."
                : "PostgreSqlStorageOptions.ConnectionString: must be set (or DataSource); use an Npgsql connection string such as 'Host=db;Database=monitoring;Username=monitor;Password=...'.");
        }
        else if (hasConnectionString && CheckConnectionString(options.ConnectionString!) is { } connectionError)
        {
            errors.Add($"PostgreSqlStorageOptions.ConnectionString: {connectionError}");
        }

        if (!IsIdentifier(options.Schema))
        {
            errors.Add($"PostgreSqlStorageOptions.Schema: '{options.Schema}' is not allowed; use 1 to 63 lower-case letters, digits and underscores, starting with a letter or underscore, such as 'model_monitoring'.");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > MaxCommandTimeout)
        {
            errors.Add($"PostgreSqlStorageOptions.CommandTimeout: {options.CommandTimeout} is not allowed; use a value from 1 second to 10 minutes.");
        }

        if (options.RawPredictionRetention is { } retention
            && (retention.Ticks % TimeSpan.TicksPerDay != 0 || retention < TimeSpan.FromDays(1) || retention > TimeSpan.FromDays(MaxRetentionDays)))
        {
            errors.Add($"PostgreSqlStorageOptions.RawPredictionRetention: {retention} is not allowed; use whole days from 1 to {MaxRetentionDays:N0} (such as 30.00:00:00), or null to keep predictions for ever.");
        }

        CheckRetention(errors, nameof(options.WindowRetention), options.WindowRetention);
        CheckRetention(errors, nameof(options.HourlyRollupRetention), options.HourlyRollupRetention);
        CheckRetention(errors, nameof(options.DailyRollupRetention), options.DailyRollupRetention);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRetention(List<string> errors, string name, TimeSpan? retention)
    {
        if (retention is { } value && (value.Ticks % TimeSpan.TicksPerDay != 0 || value < TimeSpan.FromDays(1) || value > TimeSpan.FromDays(MaxRetentionDays)))
        {
            errors.Add($"PostgreSqlStorageOptions.{name}: {value} is not allowed; use whole days from 1 to {MaxRetentionDays:N0} (such as 90.00:00:00), or null to keep the rows for ever.");
        }
    }

    internal static bool IsIdentifier(string? value) => value is not null && Identifier().IsMatch(value);

    private static string? CheckConnectionString(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrEmpty(builder.Host) ? "has no Host; name the server, such as 'Host=db;Database=monitoring;Username=monitor'." : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The message names the bad keyword; the connection string itself is never repeated, as it may hold a password.
            return $"is not a valid Npgsql connection string ({ex.Message}).";
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
