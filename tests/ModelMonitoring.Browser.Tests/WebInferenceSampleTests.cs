using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ModelMonitoring.Browser.Tests;

/// <summary>
/// Runs samples/WebInference as a process, as its README says (Development, loopback), and uses it over HTTP: predictions,
/// a label, the health checks, the Prometheus endpoint and the dashboard page.
/// </summary>
public sealed class WebInferenceSampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelmonitoring-webinference-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Sample_ServesPredictions_WithHealthChecks_PrometheusMetrics_AndTheDashboard()
    {
        var port = FreePort();
        using var process = Start(port);
        try
        {
            await WaitForListeningAsync(process);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            var ids = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                var response = await client.PostAsJsonAsync("/predict", new { amount = 50 + (i * 40), age = 30 + i, txLastHour = i % 6 });
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                ids.Add(body.GetProperty("id").GetString()!);
                body.GetProperty("label").GetString().ShouldBeOneOf("fraud", "ok");
            }

            (await client.PostAsJsonAsync($"/labels/{ids[0]}", new { label = "ok" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            (await client.PostAsJsonAsync("/labels/not-an-id", new { label = "ok" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

            // The worker drains the predictions on its next cycle (one flush interval); the metrics endpoint then counts them.
            var metrics = await EventuallyAsync(async () => await client.GetStringAsync("/metrics"), text => text.Contains("modelmonitoring_model_predictions_total", StringComparison.Ordinal));
            metrics.ShouldContain("modelmonitoring_model_prediction_duration_milliseconds_bucket");
            metrics.ShouldContain("model=\"fraud\"");

            var health = await client.GetFromJsonAsync<JsonElement>("/health");
            health.GetProperty("checks").GetProperty("modelmonitoring:fraud").GetProperty("status").GetString().ShouldBe("Healthy");
            health.GetProperty("checks").GetProperty("modelmonitoring:pipeline").GetProperty("data").GetProperty("received").GetInt64().ShouldBeGreaterThanOrEqualTo(31);

            var page = await client.GetAsync("/monitoring");
            page.StatusCode.ShouldBe(HttpStatusCode.OK); // open in Development only
            (await page.Content.ReadAsStringAsync()).ShouldContain("Model monitoring");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private Process Start(int port)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var sample = Path.Combine(root, "samples", "WebInference", "bin", output.Parent.Name, output.Name, "WebInference.dll");
        File.Exists(sample).ShouldBeTrue(sample);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(sample)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(sample);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--ModelMonitoring:FlushInterval=00:00:00.200");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        // The SQLite file goes to this test's folder, not the build output.
        start.ArgumentList.Add($"--WebInference:Database={Path.Combine(_directory, "webinference.db")}");
        return Process.Start(start)!;
    }

    private static async Task WaitForListeningAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Dashboard: http://127.0.0.1:", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return;
            }
        }

        throw new InvalidOperationException("The sample exited before listening: " + await process.StandardError.ReadToEndAsync());
    }

    /// <summary>Reads until <paramref name="done"/> holds, for at most a minute; each read waits on the sample's own work (no fixed sleep decides the outcome).</summary>
    private static async Task<string> EventuallyAsync(Func<Task<string>> read, Func<string, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var text = await read();
            if (done(text) || deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                return text;
            }

            await Task.Yield();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
