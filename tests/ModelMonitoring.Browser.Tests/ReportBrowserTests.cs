namespace ModelMonitoring.Browser.Tests;

/// <summary>The generated HTML report opened in headless Chromium: it loads cleanly and its charts have the expected elements.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportBrowserTests(ChromiumFixture chromium) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelmonitoring-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Report_LoadsWithoutErrors_AndDrawsOnePointPerBucket_AndOneCellPerFeatureAndBucket()
    {
        string[] features = ["amount", "age", "distance", "hour", "merchant_risk"];
        var html = await ReportFixture.WriteReportAsync(_directory, "fraud", features, hours: 72);
        var file = Path.Combine(_directory, "report.html");
        await File.WriteAllTextAsync(file, html);

        var (page, errors) = await chromium.OpenPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(file).AbsoluteUri);

        errors.ShouldBeEmpty();
        requests.ShouldBe([new Uri(file).AbsoluteUri]); // nothing loaded from anywhere else
        (await page.TextContentAsync("#model")).ShouldBe("fraud");
        (await page.Locator("#chart-volume circle.pt").CountAsync()).ShouldBe(72);
        (await page.Locator("#chart-health circle.pt").CountAsync()).ShouldBe(144); // mean and lowest per hour
        (await page.Locator("svg.heatmap rect.cell").CountAsync()).ShouldBe(features.Length * 72);
        (await page.Locator("svg.histogram").CountAsync()).ShouldBe(features.Length);
        (await page.Locator("svg.timeline circle.alert").CountAsync()).ShouldBe(3);

        // Estimated accuracy, dashed over its shaded band, falls with the drift (0.9 to 0.8 in the history).
        (await page.Locator("#chart-performance circle.pt").CountAsync()).ShouldBe(72);
        (await page.Locator("#chart-performance polygon.band").CountAsync()).ShouldBe(1);
        (await page.Locator("#chart-performance path[stroke-dasharray]").CountAsync()).ShouldBe(1);
        (await page.Locator("#chart-performance circle.pt title").First.TextContentAsync()).ShouldNotBeNull().ShouldStartWith("estimated.accuracy ");
        var heights = await page.Locator("#chart-performance circle.pt").EvaluateAllAsync<double[]>("dots => dots.map(d => Number(d.getAttribute('cy')))");
        heights[^1].ShouldBeGreaterThan(heights[0]); // lower on the page: a smaller value

        // The first feature drifts in the last third of the history: those cells are red, the others white.
        var fills = await page.Locator("svg.heatmap rect.cell").EvaluateAllAsync<string[]>("cells => cells.map(c => c.getAttribute('fill'))");
        // Rows are in ordinal feature order, so "amount" is the second row, after "age".
        var row = Array.IndexOf([.. features.Order(StringComparer.Ordinal)], "amount");
        var amount = fills.Skip(row * 72).Take(72).ToArray();
        amount.Take(48).ShouldAllBe(f => f == "rgb(255,255,255)");
        amount.Skip(48).ShouldAllBe(f => f == "rgb(255,0,0)");
        fills.Where((_, i) => i / 72 != row).ShouldAllBe(f => f == "rgb(255,255,255)");

        // The charts are laid out, not collapsed to nothing.
        var box = await page.Locator("#chart-volume").BoundingBoxAsync();
        box.ShouldNotBeNull().Width.ShouldBeGreaterThan(300);
        await page.CloseAsync();
    }
}
