using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelMonitoring.AspNetCore.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds ModelMonitoring's health checks to an application's health checks.</summary>
public static class ModelMonitoringHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check per configured model, named <c>modelmonitoring:&lt;model&gt;</c>, reporting the health score of its
    /// latest closed window (see docs/health.md), and one named <c>modelmonitoring:pipeline</c> reporting the pipeline's state:
    /// records dropped by reason, sink failures, worker stage failures and whether the background worker is alive.
    /// </summary>
    /// <param name="builder">The application's health checks.</param>
    /// <param name="tags">Tags added to every check (for filtering in <c>MapHealthChecks</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddModelMonitoring(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PipelineHealthCheck>();
        if (builder.Services.Any(d => d.ServiceType == typeof(ModelHealthCheckRegistrations)))
        {
            throw new InvalidOperationException("AddHealthChecks().AddModelMonitoring() was called twice; call it once (its checks are registered per model).");
        }

        // The models are known once the options are built, so the per-model checks are added when the health check service starts.
        builder.Services.AddSingleton(sp => new ModelHealthCheckRegistrations(sp.GetRequiredService<IOptions<ModelMonitoring.ModelMonitoringOptions>>(), tags));
        builder.Services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>>(sp => sp.GetRequiredService<ModelHealthCheckRegistrations>());
        builder.AddCheck<PipelineHealthCheck>(PipelineHealthCheck.Name, tags: ["modelmonitoring", .. tags]);
        return builder;
    }
}
