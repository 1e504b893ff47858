using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Browser.Tests.Dashboard;

/// <summary>The dashboard in headless Chromium, served by a real Kestrel host: it loads cleanly under its CSP, draws the stored history, and its buttons change stored alerts.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelmonitoring-dashboard-browser-").FullName;
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(_directory);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Dashboard_LoadsWithoutErrors_DrawsEveryBucket_AndAcknowledgesAnAlertFromThePage()
    {
        var raised = await _host.Services.GetRequiredService<IAlertManager>().RaiseAsync(new ApplicationAlert { Name = "feature-store-slow", Message = "p95 of the feature store above 200 ms", Model = "fraud" });
        var (page, errors) = await OpenAsync(new Dictionary<string, string> { [DashboardHost.UserHeader] = "alice" });

        await page.GotoAsync(_host.Address + "/monitoring");
        await page.WaitForSelectorAsync("body[data-ready=true]");

        errors.ShouldBeEmpty();
        (await page.TextContentAsync("#models tbody tr.model td")).ShouldBe("fraud");
        (await page.TextContentAsync("#models tbody tr.model td.Degraded")).ShouldNotBeNull().ShouldContain("Degraded");
        (await page.Locator("#chart-throughput circle.pt").CountAsync()).ShouldBe(48);
        (await page.Locator("#chart-latency circle.pt").CountAsync()).ShouldBe(3 * 48);
        (await page.Locator("#chart-health circle.pt").CountAsync()).ShouldBe(2 * 48);
        (await page.Locator("#chart-performance circle.pt").CountAsync()).ShouldBe(48); // estimated accuracy, no labels in the history
        (await page.Locator("#chart-performance polygon.band").CountAsync()).ShouldBe(1);
        (await page.Locator("#chart-performance path[stroke-dasharray]").CountAsync()).ShouldBe(1);
        (await page.Locator("#drift rect.cell").CountAsync()).ShouldBe(DashboardHost.Features.Length * 48);
        await page.WaitForSelectorAsync("#chart-distribution rect.ref");
        (await page.Locator("#chart-distribution rect.ref").CountAsync()).ShouldBe(20);

        var row = page.Locator($"#alerts tr[data-alert='{raised.Id}']");
        await row.Locator("button.acknowledge").ClickAsync();
        await page.WaitForSelectorAsync($"#alerts tr[data-alert='{raised.Id}'] td.state:text('Acknowledged')");

        errors.ShouldBeEmpty();
        var stored = (await _host.Services.GetRequiredService<IAlertStore>().GetActiveAlertsAsync(new AlertQuery { Model = "fraud" })).Single(a => a.Id == raised.Id);
        (stored.State, stored.AcknowledgedBy).ShouldBe((AlertState.Acknowledged, "alice"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnonymousVisitor_IsRefused()
    {
        var (page, _) = await OpenAsync(new Dictionary<string, string>());

        // Chromium shows an empty 401 as a navigation error, so the browser context's own request API reads the status.
        var response = await page.Context.APIRequest.GetAsync(_host.Address + "/monitoring");
        var api = await page.Context.APIRequest.GetAsync(_host.Address + "/monitoring/api/models");

        response.Status.ShouldBe(401);
        (await response.TextAsync()).ShouldNotContain("Model monitoring");
        api.Status.ShouldBe(401);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_IsRenderedToAPicture()
    {
        var (page, errors) = await OpenAsync(new Dictionary<string, string> { [DashboardHost.UserHeader] = "alice" }, new ViewportSize { Width = 1280, Height = 900 });
        await page.GotoAsync(_host.Address + "/monitoring");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.WaitForSelectorAsync("#chart-distribution rect.ref");
        var folder = Environment.GetEnvironmentVariable("MODELMONITORING_SCREENSHOTS") is { Length: > 0 } configured ? configured : _directory;

        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "dashboard.png"), FullPage = true });

        errors.ShouldBeEmpty();
        png.Length.ShouldBeGreaterThan(20_000);
        await page.Context.CloseAsync();
    }

    private Task<(IPage Page, List<string> Errors)> OpenAsync(Dictionary<string, string> headers, ViewportSize? viewport = null) =>
        chromium.OpenPageAsync(new BrowserNewContextOptions { ExtraHTTPHeaders = headers, ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 } });
}
