using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FleetReplica;

/// <summary>
/// What one replica does, from the command line (<c>--Name r1</c>) or environment variables prefixed
/// <c>FLEETREPLICA_</c> (<c>FLEETREPLICA_NAME=r1</c>). Every invalid setting is reported at once.
/// </summary>
internal sealed class ReplicaSettings
{
    /// <summary>Gets the Npgsql connection string of the shared database (required).</summary>
    public string ConnectionString { get; private init; } = string.Empty;

    /// <summary>Gets the schema the replicas share. The default value is <c>model_monitoring</c>.</summary>
    public string Schema { get; private init; } = "model_monitoring";

    /// <summary>Gets this replica's position in the fleet, from 0: it names the replica and prefixes its prediction ids.</summary>
    public int Index { get; private init; }

    /// <summary>Gets the number of replicas; replica k labels the predictions of replica k-1 (modulo this). The default value is 1.</summary>
    public int Replicas { get; private init; } = 1;

    /// <summary>Gets the replica's name in the fleet summary. The default value is <c>replica-{Index}</c>.</summary>
    public string Name { get; private init; } = string.Empty;

    /// <summary>Gets the monitored model. The default value is <c>fraud</c>.</summary>
    public string Model { get; private init; } = "fraud";

    /// <summary>Gets the predictions per second. The default value is 200.</summary>
    public int Rate { get; private init; } = 200;

    /// <summary>Gets whether the traffic is degraded: half the predictions fail, above the 10% error-rate threshold.</summary>
    public bool Degraded { get; private init; }

    /// <summary>
    /// Gets how labels are routed: <c>next</c> (the default) labels the previous replica's predictions, as a
    /// load balancer would send a label to any replica; <c>self</c> labels this replica's own; <c>none</c> records no labels.
    /// </summary>
    public string Labels { get; private init; } = "next";

    /// <summary>
    /// Gets whether predictions are recorded in groups of <see cref="GroupSize"/>, each flushed before the next
    /// (so no stored batch holds rows of two groups), instead of at a steady rate. The default value is <see langword="false"/>.
    /// </summary>
    public bool Groups { get; private init; }

    /// <summary>Gets the size of a group. The default value is 500.</summary>
    public int GroupSize { get; private init; } = 500;

    /// <summary>Gets the webhook that receives alerts, or <see langword="null"/> for the log only.</summary>
    public Uri? Webhook { get; private init; }

    /// <summary>Gets the webhook's signing secret. The default value is a fixed sample secret: set your own outside a demo.</summary>
    public string WebhookSecret { get; private init; } = "fleet-replica-sample-secret-change-me-0123456789";

    /// <summary>Gets how often a statistics line is printed. The default value is 1 second.</summary>
    public TimeSpan ReportInterval { get; private init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the aggregation window. The default value is 1 second.</summary>
    public TimeSpan Window { get; private init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how often the worker cycles, checks the lease and saves the fleet row. The default value is 200 ms.</summary>
    public TimeSpan CheckInterval { get; private init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets how many times a failed write is retried before its batch is dropped (counted as SinkFailure). The default value is 5.</summary>
    public int SinkRetries { get; private init; } = 5;

    /// <summary>Gets how long one statement of a write may run (PostgreSqlStorageOptions.CommandTimeout). The default value is 5 seconds.</summary>
    public TimeSpan CommandTimeout { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets how long one write may take before the pipeline abandons and retries it (ModelMonitoringOptions.SinkTimeout); longer than <see cref="CommandTimeout"/> (checked at start-up). The default value is 10 seconds.</summary>
    public TimeSpan SinkTimeout { get; private init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how long the replica runs, or <see langword="null"/> until stopped (Ctrl+C, SIGTERM, or end of stdin with <see cref="StopOnStdinClose"/>).</summary>
    public TimeSpan? Duration { get; private init; }

    /// <summary>Gets whether the replica stops when its standard input closes (for a parent process). The default value is <see langword="false"/>.</summary>
    public bool StopOnStdinClose { get; private init; }

    public static ReplicaSettings Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var index = Int(configuration, "Index", 0, 0, 1_000, errors);
        var settings = new ReplicaSettings
        {
            ConnectionString = configuration["ConnectionString"] ?? string.Empty,
            Schema = configuration["Schema"] ?? "model_monitoring",
            Index = index,
            Replicas = Int(configuration, "Replicas", 1, 1, 1_000, errors),
            Name = configuration["Name"] ?? $"replica-{index}",
            Model = configuration["Model"] ?? "fraud",
            Rate = Int(configuration, "Rate", 200, 1, 1_000_000, errors),
            Degraded = Bool(configuration, "Degraded", errors),
            Labels = configuration["Labels"] ?? "next",
            Groups = Bool(configuration, "Groups", errors),
            GroupSize = Int(configuration, "GroupSize", 500, 1, 100_000, errors),
            Webhook = Url(configuration, "Webhook", errors),
            WebhookSecret = configuration["WebhookSecret"] ?? "fleet-replica-sample-secret-change-me-0123456789",
            ReportInterval = Milliseconds(configuration, "ReportIntervalMs", 1_000, errors),
            Window = Milliseconds(configuration, "WindowMs", 1_000, errors),
            CheckInterval = Milliseconds(configuration, "CheckIntervalMs", 200, errors),
            SinkRetries = Int(configuration, "SinkRetries", 5, 0, 100, errors),
            CommandTimeout = Milliseconds(configuration, "CommandTimeoutMs", 5_000, errors),
            SinkTimeout = Milliseconds(configuration, "SinkTimeoutMs", 10_000, errors),
            Duration = configuration["DurationMs"] is null ? null : Milliseconds(configuration, "DurationMs", 0, errors),
            StopOnStdinClose = Bool(configuration, "StopOnStdinClose", errors),
        };
        if (settings.ConnectionString.Length == 0)
        {
            errors.Add("ConnectionString: required (--ConnectionString \"Host=...;Database=...\" or FLEETREPLICA_CONNECTIONSTRING).");
        }

        if (settings.Labels is not ("next" or "self" or "none"))
        {
            errors.Add($"Labels: '{settings.Labels}' is not one of next, self, none.");
        }

        if (settings.Index >= settings.Replicas)
        {
            errors.Add($"Index: {settings.Index} must be less than Replicas ({settings.Replicas}).");
        }

        return errors.Count == 0 ? settings : throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }

    private static int Int(IConfiguration configuration, string key, int fallback, int min, int max, List<string> errors)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"{key}: '{text}' is not a whole number from {min} to {max}.");
        return fallback;
    }

    private static bool Bool(IConfiguration configuration, string key, List<string> errors)
    {
        if (configuration[key] is not { } text)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"{key}: '{text}' is not true or false.");
        return false;
    }

    private static Uri? Url(IConfiguration configuration, string key, List<string> errors)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            return url;
        }

        errors.Add($"{key}: '{text}' is not an absolute URL.");
        return null;
    }

    private static TimeSpan Milliseconds(IConfiguration configuration, string key, int fallback, List<string> errors) =>
        TimeSpan.FromMilliseconds(Int(configuration, key, fallback, 1, 86_400_000, errors));
}
