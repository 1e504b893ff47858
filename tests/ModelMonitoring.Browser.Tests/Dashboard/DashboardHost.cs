using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Browser.Tests.Dashboard;

/// <summary>
/// A real ASP.NET Core app on Kestrel (127.0.0.1) with model monitoring on a SQLite file holding a written history, the
/// health checks at /health and the dashboard at /monitoring behind the policy "monitoring" (role ml-ops). Requests
/// authenticate with the header <c>X-Test-User</c>; without it they are anonymous.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";
    public static readonly string[] Features = ["amount", "age", "distance"];
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, string address, FakeTimeProvider clock, DateTimeOffset start)
    {
        _app = app;
        Address = address;
        Clock = clock;
        Start = start;
    }

    public string Address { get; }

    public FakeTimeProvider Clock { get; }

    public DateTimeOffset Start { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DashboardHost> StartAsync(string directory, int hours = 48)
    {
        // The history ends an hour before the clock, so the charts' last hours are filled and within the 7-day range.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow().AddHours(-hours - 1);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddModelMonitoring(o => o.AddModel("fraud", m => m.NumericFeatures(Features)))
            .UseSqlite(o =>
            {
                o.Path = Path.Combine(directory, "dashboard.db");
                o.RawPredictionRetention = null;
            });
        builder.Services.AddHealthChecks().AddModelMonitoring();
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthentication(HeaderAuthentication.Name).AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, null);
        builder.Services.AddAuthorization(o => o.AddPolicy("monitoring", p => p.RequireRole("ml-ops")));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapModelMonitoringDashboard("/monitoring", d => d.AuthorizationPolicy = "monitoring");

        // The history lets the store roll up as of a later time; the clock is put back before the app starts.
        var seeding = (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();
        await MonitoringHistory.WriteAsync(app.Services, "fraud", Features, start, hours);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DashboardHost(app, address, seeding, start);
    }

    public HttpClient Client(string? user = "alice")
    {
        var client = new HttpClient { BaseAddress = new Uri(Address) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(UserHeader, user);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task WriteHealthAsync(Microsoft.AspNetCore.Http.HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }

    /// <summary>Authenticates a request that names its user in <see cref="UserHeader"/>; "alice" has the ml-ops role, anyone else none.</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHeader";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var user) || string.IsNullOrEmpty(user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            Claim[] claims = user == "alice" ? [new(ClaimTypes.Name, "alice"), new(ClaimTypes.Role, "ml-ops")] : [new(ClaimTypes.Name, user!)];
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
        }
    }
}
