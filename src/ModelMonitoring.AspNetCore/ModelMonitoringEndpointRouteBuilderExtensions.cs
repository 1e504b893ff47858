using Microsoft.AspNetCore.Routing;
using ModelMonitoring.AspNetCore;
using ModelMonitoring.AspNetCore.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the ModelMonitoring dashboard into an ASP.NET Core application.</summary>
public static class ModelMonitoringEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the live dashboard and its JSON API under <paramref name="pattern"/>: the page at the pattern itself, the API
    /// under <c>{pattern}/api</c> (documented in the package README). Every endpoint requires
    /// <see cref="ModelMonitoringDashboardOptions.AuthorizationPolicy"/>; the actions (acknowledge, silence) also require an
    /// antiforgery token, which the page sends.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route prefix, such as <c>/monitoring</c>.</param>
    /// <param name="configure">Names the authorization policy (required unless anonymous access is allowed explicitly).</param>
    /// <returns>The group of dashboard endpoints, for further conventions.</returns>
    /// <exception cref="InvalidOperationException">No authorization policy is named and anonymous access is not allowed, or both are set.</exception>
    public static IEndpointConventionBuilder MapModelMonitoringDashboard(this IEndpointRouteBuilder endpoints, string pattern, Action<ModelMonitoringDashboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ModelMonitoringDashboardOptions();
        configure(options);
        return DashboardEndpoints.Map(endpoints, pattern, options);
    }
}
