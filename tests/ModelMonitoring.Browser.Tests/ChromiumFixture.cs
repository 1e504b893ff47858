using Microsoft.Playwright;

namespace ModelMonitoring.Browser.Tests;

/// <summary>
/// One headless Debian Chromium for the whole test assembly, driven through Playwright. Playwright's own browser
/// download is never used: the browser is the system's (<c>/usr/bin/chromium</c>, installed by <c>.ci/run</c>) or the
/// one <c>MODELMONITORING_CHROMIUM</c> names. A missing browser fails the tests; it never skips them.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>Gets the running browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the path of the browser executable in use.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("MODELMONITORING_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{ExecutablePath}'. Install Debian's chromium (apt-get install chromium) or set MODELMONITORING_CHROMIUM; .ci/run installs it.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Containers run the tests as root without a user namespace sandbox.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// Opens a new page that records every console error and uncaught page error, so a test can assert that a page
    /// loaded cleanly.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> OpenPageAsync(BrowserNewPageOptions? options = null) =>
        Watch(await Browser.NewPageAsync(options));

    /// <summary>Opens a page in a new browser context (its own cookies, extra request headers, viewport), recording its errors.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenPageAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        return Watch(await context.NewPageAsync());
    }

    private static (IPage Page, List<string> Errors) Watch(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        return (page, errors);
    }
}

/// <summary>Shares one <see cref="ChromiumFixture"/> between the test classes that drive the browser.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
