using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ModelMonitoring.AspNetCore.Internal;

/// <summary>Maps the dashboard's page, assets and JSON API as one group, secured as a whole.</summary>
internal static class DashboardEndpoints
{
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, ModelMonitoringDashboardOptions options)
    {
        Validate(endpoints.ServiceProvider, options);
        var api = new DashboardApi(options);
        var group = endpoints.MapGroup(pattern);
        if (options.AllowAnonymous)
        {
            group.AllowAnonymous();
        }
        else
        {
            group.RequireAuthorization(options.AuthorizationPolicy!);
        }

        group.MapGet("/", (HttpContext context, IAntiforgery antiforgery) => Page(context, antiforgery, pattern)).ExcludeFromDescription();
        group.MapGet("/assets/{name}", (string name, HttpContext context) => Asset(name, context)).ExcludeFromDescription();
        group.MapGet("/api/models", api.ModelsAsync);
        group.MapGet("/api/models/{model}/trends", api.TrendsAsync);
        group.MapGet("/api/models/{model}/features", api.FeaturesAsync);
        group.MapGet("/api/models/{model}/distribution", api.DistributionAsync);
        group.MapGet("/api/alerts", api.ActiveAlertsAsync);
        group.MapGet("/api/alerts/history", api.AlertHistoryAsync);
        group.MapPost("/api/alerts/{id}/acknowledge", api.AcknowledgeAsync);
        group.MapPost("/api/silences", api.SilenceAsync);
        return group;
    }

    private static void Validate(IServiceProvider services, ModelMonitoringDashboardOptions options)
    {
        const string Where = "MapModelMonitoringDashboard: ModelMonitoringDashboardOptions";
        if (options.AllowAnonymous && !string.IsNullOrWhiteSpace(options.AuthorizationPolicy))
        {
            throw new InvalidOperationException($"{Where}.AllowAnonymous and .AuthorizationPolicy ('{options.AuthorizationPolicy}') are both set; choose one.");
        }

        if (!options.AllowAnonymous)
        {
            if (string.IsNullOrWhiteSpace(options.AuthorizationPolicy))
            {
                throw new InvalidOperationException(
                    $"{Where}.AuthorizationPolicy: name the authorization policy the dashboard requires (registered with AddAuthorization); "
                    + "the dashboard shows model internals and changes alerts, so it is never open by default. Set AllowAnonymous = true only for a local development host.");
            }

            var policies = services.GetService<IAuthorizationPolicyProvider>()
                ?? throw new InvalidOperationException($"{Where}.AuthorizationPolicy: authorization is not set up; call builder.Services.AddAuthorization(...) and register the policy '{options.AuthorizationPolicy}'.");
            if (policies.GetPolicyAsync(options.AuthorizationPolicy).GetAwaiter().GetResult() is null)
            {
                throw new InvalidOperationException($"{Where}.AuthorizationPolicy: no authorization policy named '{options.AuthorizationPolicy}' is registered; add it with AddAuthorization(o => o.AddPolicy(\"{options.AuthorizationPolicy}\", ...)).");
            }
        }

        if (!(options.ChartRange > TimeSpan.Zero && options.ChartRange <= TimeSpan.FromDays(400)))
        {
            throw new InvalidOperationException($"{Where}.ChartRange: {options.ChartRange} is not allowed; use a duration above zero and at most 400 days.");
        }

        if (services.GetService<IAntiforgery>() is null)
        {
            throw new InvalidOperationException("MapModelMonitoringDashboard: the dashboard's actions are protected by antiforgery tokens; call builder.Services.AddAntiforgery().");
        }

        if (services.GetService<IModelMonitoring>() is null)
        {
            throw new InvalidOperationException("MapModelMonitoringDashboard: model monitoring is not registered; call builder.Services.AddModelMonitoring(...) with a storage provider.");
        }
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string pattern)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = Read("index.html")
            .Replace("{{base}}", System.Net.WebUtility.HtmlEncode(pattern.TrimEnd('/')), StringComparison.Ordinal)
            .Replace("{{token}}", System.Net.WebUtility.HtmlEncode(tokens.RequestToken ?? string.Empty), StringComparison.Ordinal);
        Secure(context);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Asset(string name, HttpContext context)
    {
        var type = name switch
        {
            "app.js" => "text/javascript; charset=utf-8",
            "app.css" => "text/css; charset=utf-8",
            _ => null,
        };
        if (type is null)
        {
            return Results.NotFound();
        }

        Secure(context);
        return Results.Content(Read(name), type);
    }

    /// <summary>No inline script or style, nothing from elsewhere, no framing, no caching of a page that carries a token.</summary>
    private static void Secure(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ModelMonitoring.AspNetCore.Assets." + name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
