using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModelMonitoring.Health;
using ModelMonitoring.Recording;

namespace ModelMonitoring.AspNetCore.Internal;

/// <summary>Reports a model's health score and status from its latest closed window; the reasons are the description and the data.</summary>
internal sealed class ModelHealthCheck(string model, IServiceProvider services) : IHealthCheck
{
    public const string NamePrefix = "modelmonitoring:";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IModelHealthReader reader;
        try
        {
            reader = services.GetRequiredService<IModelHealthReader>();
        }
        catch (InvalidOperationException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "No storage provider that keeps model health is registered (UseSqlite or UsePostgreSql).", ex);
        }

        var health = await reader.GetLatestHealthAsync(model, cancellationToken).ConfigureAwait(false);
        if (health is null)
        {
            return HealthCheckResult.Healthy($"No window of model '{model}' has closed yet.");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["score"] = health.Score,
            ["window_start"] = health.WindowStart.ToString("O", CultureInfo.InvariantCulture),
            ["window_end"] = health.WindowEnd.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var reason in health.Reasons)
        {
            data["penalty." + reason.Component] = reason.Penalty;
        }

        var description = health.Reasons.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Health score {health.Score:0.#}.")
            : string.Create(CultureInfo.InvariantCulture, $"Health score {health.Score:0.#}: {string.Join("; ", health.Reasons.Select(r => r.Message))}.");
        var status = health.Status switch
        {
            ModelHealthStatus.Healthy => HealthStatus.Healthy,
            ModelHealthStatus.Degraded => HealthStatus.Degraded,
            _ => HealthStatus.Unhealthy,
        };
        return new HealthCheckResult(status, description, data: data);
    }
}
