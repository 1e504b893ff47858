using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ModelMonitoring.AspNetCore.Internal;

/// <summary>Adds one <see cref="ModelHealthCheck"/> registration per configured model when the health check service starts.</summary>
internal sealed class ModelHealthCheckRegistrations(IOptions<ModelMonitoringOptions> monitoring, string[] tags) : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions options)
    {
        foreach (var model in monitoring.Value.Models)
        {
            var name = model.Name;
            options.Registrations.Add(new HealthCheckRegistration(
                ModelHealthCheck.NamePrefix + name,
                sp => new ModelHealthCheck(name, sp),
                failureStatus: null,
                tags: ["modelmonitoring", .. tags]));
        }
    }
}
