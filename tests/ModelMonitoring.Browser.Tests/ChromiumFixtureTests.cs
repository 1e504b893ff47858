using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ModelMonitoring.Browser.Tests;

/// <summary>Proves the browser harness itself: a page served by Kestrel on loopback loads, and its errors are seen.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumFixtureTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Page_served_on_loopback_loads_and_a_script_error_is_reported()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/ok", () => Results.Content("<!doctype html><link rel=icon href=\"data:,\"><title>ok</title><p id=x>ready</p>", "text/html"));
        app.MapGet("/broken", () => Results.Content("<!doctype html><link rel=icon href=\"data:,\"><title>broken</title><script>undefinedFunction()</script>", "text/html"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var (page, errors) = await chromium.OpenPageAsync();
        await page.GotoAsync(address + "/ok");
        (await page.TextContentAsync("#x")).ShouldBe("ready");
        errors.ShouldBeEmpty();

        await page.GotoAsync(address + "/broken");
        errors.ShouldHaveSingleItem().ShouldContain("undefinedFunction");
        await page.CloseAsync();
    }
}
