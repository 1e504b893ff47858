using Microsoft.Playwright;

namespace ModelMonitoring.Browser.Tests;

/// <summary>
/// Screenshots of the pages for docs/screenshots, taken by docs/screenshots/take-screenshots.sh, which sets
/// <c>MODELMONITORING_SCREENSHOTS</c> to the folder to write into. Without it the pictures go to a temporary folder;
/// either way the test checks that Chromium rendered a real picture.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ScreenshotTests(ChromiumFixture chromium) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelmonitoring-screenshots-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Output => Environment.GetEnvironmentVariable("MODELMONITORING_SCREENSHOTS") is { Length: > 0 } folder ? folder : _directory;

    [Fact]
    public async Task Report_IsRenderedToAPicture()
    {
        var html = await ReportFixture.WriteReportAsync(_directory, "fraud", ["amount", "age", "account_age_days", "tx_last_hour", "merchant_risk", "distance_km"], hours: 14 * 24);
        var file = Path.Combine(_directory, "report.html");
        await File.WriteAllTextAsync(file, html);

        var (page, errors) = await chromium.OpenPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 1200 } });
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        var picture = Path.Combine(Output, "report.png");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = picture, FullPage = true });

        errors.ShouldBeEmpty();
        png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        png.Length.ShouldBeGreaterThan(20_000); // charts drawn, not a blank page
        File.Exists(picture).ShouldBeTrue();
        await page.CloseAsync();
    }
}
