using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Browser.Tests.Dashboard;

/// <summary>The dashboard's JSON API, its security and the health checks, over HTTP against a real Kestrel host.</summary>
public sealed partial class DashboardApiTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelmonitoring-dashboard-").FullName;
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(_directory);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("/monitoring")]
    [InlineData("/monitoring/api/models")]
    [InlineData("/monitoring/assets/app.js")]
    public async Task AnonymousRequests_AreRefused_AndAUserWithoutThePolicyIsForbidden(string path)
    {
        using var anonymous = _host.Client(user: null);
        using var bob = _host.Client("bob");

        (await anonymous.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await bob.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Page_CarriesAnAntiforgeryToken_AndAStrictContentSecurityPolicy()
    {
        using var alice = _host.Client();

        var response = await alice.GetAsync("/monitoring");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TokenRegex().Match(html).Groups[1].Value.Length.ShouldBeGreaterThan(20);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        html.ShouldNotContain("<script>");
        html.ShouldContain("<script src=\"/monitoring/assets/app.js\">");
    }

    [Fact]
    public async Task Models_Trends_Features_AndDistribution_AnswerFromTheStore()
    {
        using var alice = _host.Client();

        var models = await alice.GetFromJsonAsync<JsonElement>("/monitoring/api/models");
        var fraud = models.EnumerateArray().Single();
        fraud.GetProperty("name").GetString().ShouldBe("fraud");
        var health = fraud.GetProperty("health");
        health.GetProperty("status").GetString().ShouldBe("Degraded"); // the history's last third drifts
        health.GetProperty("reasons")[0].GetProperty("component").GetString().ShouldBe("Drift");

        var trends = await alice.GetFromJsonAsync<JsonElement>("/monitoring/api/models/fraud/trends?resolution=hour");
        trends.GetProperty("volume").GetArrayLength().ShouldBe(48);
        trends.GetProperty("volume")[0].GetProperty("predictions").GetInt64().ShouldBe(12);
        trends.GetProperty("health").GetArrayLength().ShouldBe(48);
        trends.GetProperty("drift").GetArrayLength().ShouldBe(48 * DashboardHost.Features.Length);
        (await alice.GetFromJsonAsync<JsonElement>("/monitoring/api/models/fraud/trends?resolution=day")).GetProperty("volume").GetArrayLength().ShouldBeInRange(2, 3);

        (await alice.GetFromJsonAsync<string[]>("/monitoring/api/models/fraud/features")).ShouldBe(DashboardHost.Features);
        var distribution = await alice.GetFromJsonAsync<JsonElement>("/monitoring/api/models/fraud/distribution?feature=amount");
        distribution.GetProperty("reference").GetArrayLength().ShouldBe(20);
        distribution.GetProperty("referenceCount").GetInt32().ShouldBe(500);
        distribution.GetProperty("reference").EnumerateArray().Sum(e => e.GetDouble()).ShouldBe(1, 1e-9);

        (await alice.GetAsync("/monitoring/api/models/nobody/trends")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.GetAsync("/monitoring/api/models/fraud/trends?resolution=week")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await alice.GetAsync("/monitoring/api/models/fraud/distribution?feature=nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Acknowledge_WithoutTheAntiforgeryToken_IsRefused_AndWithIt_ChangesTheStoredAlert()
    {
        var raised = await _host.Services.GetRequiredService<IAlertManager>().RaiseAsync(new ApplicationAlert { Name = "feature-store-slow", Message = "p95 of the feature store above 200 ms", Model = "fraud" });
        using var alice = _host.Client();

        var forged = await alice.PostAsync($"/monitoring/api/alerts/{raised.Id}/acknowledge", JsonContent.Create(new { }));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var token = TokenRegex().Match(await alice.GetStringAsync("/monitoring")).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/monitoring/api/alerts/{raised.Id}/acknowledge") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("RequestVerificationToken", WebUtility.HtmlDecode(token));
        var acknowledged = await alice.SendAsync(request);

        acknowledged.StatusCode.ShouldBe(HttpStatusCode.OK, await acknowledged.Content.ReadAsStringAsync());
        var stored = (await _host.Services.GetRequiredService<IAlertStore>().GetActiveAlertsAsync(new AlertQuery { Model = "fraud" })).Single(a => a.Id == raised.Id);
        (stored.State, stored.AcknowledgedBy).ShouldBe((AlertState.Acknowledged, "alice"));
    }

    [Fact]
    public async Task Silence_FromTheApi_IsInEffect()
    {
        using var alice = _host.Client();
        var token = WebUtility.HtmlDecode(TokenRegex().Match(await alice.GetStringAsync("/monitoring")).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/monitoring/api/silences") { Content = JsonContent.Create(new { model = "fraud", alertName = "drift.dataset", minutes = 60, comment = "deploy" }) };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await alice.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var silences = await _host.Services.GetRequiredService<IAlertManager>().GetSilencesAsync(_host.Clock.GetUtcNow());
        var silence = silences.Single(s => s.AlertName == "drift.dataset");
        (silence.Model, silence.CreatedBy, silence.EndsAt - silence.StartsAt).ShouldBe(("fraud", "alice", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task HealthChecks_ReportTheModelsScore_AndThePipeline()
    {
        using var anonymous = _host.Client(user: null);

        var report = await anonymous.GetFromJsonAsync<JsonElement>("/health");

        var checks = report.GetProperty("checks");
        var model = checks.GetProperty("modelmonitoring:fraud");
        model.GetProperty("status").GetString().ShouldBe("Degraded");
        model.GetProperty("description").GetString().ShouldStartWith("Health score 6");
        model.GetProperty("data").GetProperty("score").GetDouble().ShouldBeInRange(60, 64);
        checks.GetProperty("modelmonitoring:pipeline").GetProperty("data").GetProperty("dropped").GetInt64().ShouldBe(0);
    }

    [Fact]
    public void Mapping_WithoutAPolicy_OrWithAnUnknownOne_FailsAtStartUpNamingTheSetting()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddModelMonitoring(o => o.AddModel("m", m => m.NumericFeatures("x"))).UseSqlite(Path.Combine(_directory, "mapping.db"));
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthorization();
        using var app = builder.Build();

        Should.Throw<InvalidOperationException>(() => app.MapModelMonitoringDashboard("/monitoring", _ => { }))
            .Message.ShouldContain("ModelMonitoringDashboardOptions.AuthorizationPolicy: name the authorization policy");
        Should.Throw<InvalidOperationException>(() => app.MapModelMonitoringDashboard("/monitoring", d => d.AuthorizationPolicy = "missing"))
            .Message.ShouldContain("no authorization policy named 'missing' is registered");
        Should.Throw<InvalidOperationException>(() => app.MapModelMonitoringDashboard("/monitoring", d => (d.AuthorizationPolicy, d.AllowAnonymous) = ("x", true)))
            .Message.ShouldContain("are both set");
    }

    [GeneratedRegex("name=\"modelmonitoring-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
