using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.Health;
using ModelMonitoring.Storage;
using ModelMonitoring.Reporting.Internal;
using ModelMonitoring.Trends;

namespace ModelMonitoring.AspNetCore.Internal;

/// <summary>
/// The dashboard's JSON API (documented in the package README). Reads go through the storage provider's read interfaces
/// (roll-ups for the charts, never raw predictions except one hour for the current distribution); the two actions go
/// through <see cref="IAlertManager"/> after an antiforgery check.
/// </summary>
internal sealed class DashboardApi(ModelMonitoringDashboardOptions options)
{
    private const int Bins = 20;

    public async Task<IResult> ModelsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var monitoring = services.GetRequiredService<IModelMonitoring>();
        var health = services.GetService<IModelHealthReader>();
        var models = new List<object>();
        foreach (var model in monitoring.Models)
        {
            var latest = health is null ? null : await health.GetLatestHealthAsync(model.Name, cancellationToken).ConfigureAwait(false);
            models.Add(new
            {
                name = model.Name,
                version = model.Version,
                environment = model.Environment,
                health = latest is null ? null : new
                {
                    score = latest.Score,
                    status = latest.Status.ToString(),
                    windowStart = latest.WindowStart,
                    windowEnd = latest.WindowEnd,
                    reasons = latest.Reasons.Select(r => new { component = r.Component.ToString(), penalty = r.Penalty, message = r.Message }),
                },
            });
        }

        return Results.Json(models);
    }

    public async Task<IResult> TrendsAsync(string model, string? resolution, HttpContext context, CancellationToken cancellationToken)
    {
        if (Known(context, model) is { } notFound)
        {
            return notFound;
        }

        var bucket = resolution switch
        {
            null or "" or "hour" => TrendResolution.Hour,
            "day" => TrendResolution.Day,
            _ => (TrendResolution?)null,
        };
        if (bucket is null)
        {
            return Results.Problem($"resolution '{resolution}' is not allowed; use hour or day.", statusCode: StatusCodes.Status400BadRequest);
        }

        var services = context.RequestServices;
        var trends = services.GetRequiredService<ITrendReader>();
        var (from, to) = Range(services);
        var (volume, performance, drift, health, estimated) = await trends.GetModelTrendsAsync(model, bucket.Value, from, to, cancellationToken).ConfigureAwait(false);
        return Results.Json(new
        {
            model,
            resolution = bucket == TrendResolution.Day ? "day" : "hour",
            from,
            to,
            volume = volume.Select(p => new { start = p.Start, predictions = p.PredictionCount, errorRate = p.ErrorRate, p50 = p.LatencyP50Ms, p95 = p.LatencyP95Ms, p99 = p.LatencyP99Ms }),
            performance = performance.Where(p => p.Value is { } v && double.IsFinite(v)).Select(p => new { start = p.Start, metric = p.Metric, value = p.Value }),
            estimated = estimated.Where(p => p.Value is { } v && double.IsFinite(v))
                .Select(p => new { start = p.Start, metric = p.Metric, value = p.Value, lower = Finite(p.Lower), upper = Finite(p.Upper), windows = p.WindowCount }),
            health = health.Select(p => new { start = p.Start, mean = p.MeanScore, min = p.MinScore, windows = p.WindowCount }),
            drift = drift.Select(p => new { start = p.Start, feature = p.Feature, tests = p.TestCount, drifted = p.DriftedCount, maxScore = Finite(p.MaxScore) }),
        });
    }

    public async Task<IResult> FeaturesAsync(string model, HttpContext context, CancellationToken cancellationToken)
    {
        if (Known(context, model) is { } notFound)
        {
            return notFound;
        }

        var profile = context.RequestServices.GetService<IReferenceProfileStore>() is { } store ? await store.GetAsync(model, cancellationToken).ConfigureAwait(false) : null;
        return Results.Json(profile is null ? [] : profile.NumericFeatures.Select(f => f.Name).ToArray());
    }

    public async Task<IResult> DistributionAsync(string model, string? feature, HttpContext context, CancellationToken cancellationToken)
    {
        if (Known(context, model) is { } notFound)
        {
            return notFound;
        }

        var services = context.RequestServices;
        var profile = services.GetService<IReferenceProfileStore>() is { } store ? await store.GetAsync(model, cancellationToken).ConfigureAwait(false) : null;
        var index = profile is null ? -1 : profile.NumericFeatures.ToList().FindIndex(f => f.Name == feature);
        if (profile is null || index < 0)
        {
            return Results.Problem($"model '{model}' has no reference profile with a numeric feature '{feature}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var reference = profile.NumericFeatures[index].Sample.Values.ToArray();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var current = new List<double>();
        if (services.GetService<IPredictionReader>() is { } predictions)
        {
            // Stored features are in the schema's order, which is the reference's.
            foreach (var prediction in await predictions.GetPredictionsAsync(model, now.AddHours(-1), now, cancellationToken).ConfigureAwait(false))
            {
                var values = prediction.NumericFeatures.Span;
                if (values.Length == profile.NumericFeatures.Count && double.IsFinite(values[index]))
                {
                    current.Add(values[index]);
                }
            }
        }

        var all = reference.Concat(current).ToArray();
        var (min, max) = (all.Min(), all.Max());
        var width = max > min ? (max - min) / Bins : 1;
        return Results.Json(new
        {
            feature,
            edges = Enumerable.Range(0, Bins + 1).Select(i => min + (i * width)),
            reference = HistogramShares.Of(reference, min, width * Bins, Bins),
            current = HistogramShares.Of(current, min, width * Bins, Bins),
            referenceCount = reference.Length,
            currentCount = current.Count,
        });
    }

    public async Task<IResult> ActiveAlertsAsync(string? model, HttpContext context, CancellationToken cancellationToken)
    {
        var alerts = await context.RequestServices.GetRequiredService<IAlertManager>().GetActiveAlertsAsync(new AlertQuery { Model = model }, cancellationToken).ConfigureAwait(false);
        return Results.Json(alerts.Select(Json));
    }

    public async Task<IResult> AlertHistoryAsync(string? model, HttpContext context, CancellationToken cancellationToken)
    {
        var (from, to) = Range(context.RequestServices);
        var alerts = await context.RequestServices.GetRequiredService<IAlertManager>().GetAlertHistoryAsync(from, to.AddMinutes(1), new AlertQuery { Model = model }, cancellationToken).ConfigureAwait(false);
        return Results.Json(alerts.OrderByDescending(a => a.Timestamp).Take(500).Select(Json));
    }

    public async Task<IResult> AcknowledgeAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (await Forged(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var alert = await context.RequestServices.GetRequiredService<IAlertManager>().AcknowledgeAsync(id, By(context), cancellationToken).ConfigureAwait(false);
        return alert is null ? Results.Problem($"no firing alert '{id}'.", statusCode: StatusCodes.Status404NotFound) : Results.Json(Json(alert));
    }

    public async Task<IResult> SilenceAsync(SilenceRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        if (await Forged(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (request is null || !(request.Minutes is > 0 and <= 60 * 24 * 30) || string.IsNullOrWhiteSpace(request.Model))
        {
            return Results.Problem("a silence needs a model and minutes from 1 to 43,200.", statusCode: StatusCodes.Status400BadRequest);
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var silence = await context.RequestServices.GetRequiredService<IAlertManager>().AddSilenceAsync(new Silence
        {
            Id = "dashboard-" + Guid.NewGuid().ToString("N"),
            Model = request.Model,
            AlertName = string.IsNullOrWhiteSpace(request.AlertName) ? null : request.AlertName,
            StartsAt = now,
            EndsAt = now.AddMinutes(request.Minutes),
            CreatedBy = By(context),
            Comment = request.Comment,
        }, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { id = silence.Id, model = silence.Model, alertName = silence.AlertName, startsAt = silence.StartsAt, endsAt = silence.EndsAt, createdBy = silence.CreatedBy });
    }

    /// <summary>The body of <c>POST api/silences</c>.</summary>
    internal sealed record SilenceRequest(string Model, string? AlertName, int Minutes, string? Comment);

    private static async Task<IResult?> Forged(HttpContext context)
    {
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem("the antiforgery token is missing or invalid; reload the dashboard.", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static IResult? Known(HttpContext context, string model) =>
        context.RequestServices.GetRequiredService<IModelMonitoring>().Models.Any(m => m.Name == model)
            ? null
            : Results.Problem($"no model '{model}' is monitored here.", statusCode: StatusCodes.Status404NotFound);

    private (DateTimeOffset From, DateTimeOffset To) Range(IServiceProvider services)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return (now - options.ChartRange, now);
    }

    private static string By(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : "dashboard";

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static object Json(Alert alert) => new
    {
        id = alert.Id,
        model = alert.Model,
        name = alert.Name,
        severity = alert.Severity.ToString(),
        state = alert.State.ToString(),
        message = alert.Message,
        metric = alert.Metric,
        value = Finite(alert.Value),
        threshold = Finite(alert.Threshold),
        startedAt = alert.StartedAt ?? alert.Timestamp,
        timestamp = alert.Timestamp,
        acknowledgedBy = alert.AcknowledgedBy,
        resolvedAt = alert.ResolvedAt,
    };
}
