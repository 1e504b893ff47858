namespace ModelMonitoring.AspNetCore;

/// <summary>
/// How <c>MapModelMonitoringDashboard</c> is secured. The dashboard
/// shows model internals and changes alert state, so it requires an authorization policy the application names;
/// anonymous access is possible only when asked for explicitly.
/// </summary>
public sealed class ModelMonitoringDashboardOptions
{
    /// <summary>Gets or sets the name of the authorization policy every dashboard endpoint requires (one registered with <c>AddAuthorization</c>).</summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>Gets or sets whether the dashboard is open to anyone. The default value is <see langword="false"/>; set it only for a local development host.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets the range the charts show, back from now. The default value is 7 days.</summary>
    public TimeSpan ChartRange { get; set; } = TimeSpan.FromDays(7);
}
