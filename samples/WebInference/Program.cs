// A prediction service monitored by ModelMonitoring, with its dashboard, health checks and a Prometheus endpoint.
//
//   dotnet run --project samples/WebInference                      (http://127.0.0.1:5080, Development)
//   dotnet run --project samples/WebInference -- --Traffic:Enabled=true   (plus a traffic generator that drifts after a minute)
//
// POST /predict {"amount":120,"age":35,"txLastHour":2}   -> {"id":"…","fraudProbability":0.04,"label":"ok"}
// POST /labels/{id} {"label":"fraud"}                     -> records the ground truth
// GET  /monitoring   the dashboard   GET /health   health checks (JSON)   GET /metrics   Prometheus
//
// Security: the dashboard requires the policy "monitoring" (an API key in the X-Api-Key header, Monitoring:ApiKey). In
// the Development environment on this loopback-only address it is open, so a browser can look at it.
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ModelMonitoring;
using ModelMonitoring.Recording;
using OpenTelemetry.Metrics;
using WebInference;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddModelMonitoring(builder.Configuration.GetSection("ModelMonitoring")).UseSqlite(builder.Configuration["WebInference:Database"] ?? "webinference.db");
builder.Services.AddHealthChecks().AddModelMonitoring();
builder.Services.AddAntiforgery();
builder.Services.AddAuthentication(ApiKeyAuthentication.Name).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.Name, null);
builder.Services.AddAuthorization(o => o.AddPolicy("monitoring", p => p.RequireAuthenticatedUser()));
builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("ModelMonitoring").AddPrometheusExporter());
if (builder.Configuration.GetValue<bool>("Traffic:Enabled"))
{
    builder.Services.AddHostedService<TrafficGenerator>();
}

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

var monitor = app.Services.GetRequiredService<IModelMonitoring>().GetMonitor("fraud");
app.MapPost("/predict", (Transaction transaction) => Predictions.Predict(monitor, transaction));
app.MapPost("/labels/{id}", (string id, LabelRequest request) =>
    PredictionId.TryParse(id, out var predictionId) && request.Label is "fraud" or "ok"
        ? (monitor.RecordGroundTruth(predictionId, request.Label) ? Results.Accepted() : Results.Problem("the label was not accepted (see /health).", statusCode: 503))
        : Results.BadRequest("use a prediction id from /predict and the label fraud or ok."));
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthJson.WriteAsync });
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapModelMonitoringDashboard("/monitoring", d =>
{
    if (app.Environment.IsDevelopment())
    {
        d.AllowAnonymous = true;
    }
    else
    {
        d.AuthorizationPolicy = "monitoring";
    }
});

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Dashboard: {string.Join(", ", app.Urls.Select(u => u + "/monitoring"))}  health: /health  metrics: /metrics"));
app.Run();

/// <summary>The body of <c>POST /predict</c>.</summary>
public sealed record Transaction(double Amount, double Age, double TxLastHour);

/// <summary>The body of <c>POST /labels/{id}</c>.</summary>
public sealed record LabelRequest(string Label);

/// <summary>Scores a transaction and records the prediction: the same path for HTTP requests and the traffic generator.</summary>
public static class Predictions
{
    public static IResult Predict(IModelMonitor monitor, Transaction transaction)
    {
        if (!double.IsFinite(transaction.Amount) || !double.IsFinite(transaction.Age) || !double.IsFinite(transaction.TxLastHour))
        {
            return Results.BadRequest("amount, age and txLastHour must be numbers.");
        }

        var (id, probability, label) = Record(monitor, transaction);
        return Results.Ok(new { id = id.ToString(), fraudProbability = probability, label });
    }

    public static (PredictionId Id, double Probability, string Label) Record(IModelMonitor monitor, Transaction transaction)
    {
        var started = Stopwatch.GetTimestamp();
        var probability = FraudScorer.Score(transaction.Amount, transaction.Age, transaction.TxLastHour);
        var label = probability >= 0.5 ? "fraud" : "ok";
        var id = monitor.RecordPrediction(new Prediction
        {
            NumericFeatures = [transaction.Amount, transaction.Age, transaction.TxLastHour],
            PredictedClass = label,
            Confidence = label == "fraud" ? probability : 1 - probability,
            Latency = Stopwatch.GetElapsedTime(started),
        });
        return (id, probability, label);
    }
}

/// <summary>Writes the health report as JSON: overall status and each check's status, description and data.</summary>
internal static class HealthJson
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }
}
