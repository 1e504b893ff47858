using System.Globalization;
using System.Text;
using ModelMonitoring.Trends;
using static ModelMonitoring.Reporting.Internal.Svg;

namespace ModelMonitoring.Reporting.Internal;

/// <summary>Renders a <see cref="ReportData"/> as one HTML document: inline CSS and SVG, no script, every stored string encoded.</summary>
internal static class HtmlReportWriter
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:820px;color:#111827}
        h1{font-size:22px;margin:0}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb}
        table{border-collapse:collapse;width:100%}td,th{padding:3px 8px;border-bottom:1px solid #f3f4f6;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}svg{width:100%;height:auto;display:block}
        .label{font-size:10px;fill:#6b7280}.muted{fill:#9ca3af;color:#6b7280}.legend{font-size:12px;margin:2px 0}
        .Healthy{color:#15803d}.Degraded{color:#b45309}.Unhealthy{color:#b91c1c}.dist{display:grid;grid-template-columns:1fr 1fr;gap:8px}
        .dist figure{margin:0}.dist figcaption{font-size:12px}
        """;

    public static string Write(ReportData data)
    {
        var options = data.Options;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Encode(options.Model)} — model monitoring report</title><style>{Style}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Model <span id=\"model\">{Encode(options.Model)}</span></h1><p class=\"muted\">{options.From:yyyy-MM-dd HH:mm} to {options.To:yyyy-MM-dd HH:mm} UTC, per {(data.Resolution == TrendResolution.Day ? "day" : "hour")}</p>");
        Summary(html, data);
        Charts(html, data);
        DriftSection(html, data);
        Distributions(html, data);
        Quality(html, data);
        Alerts(html, data);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, ReportData data)
    {
        var s = data.Summary;
        html.Append("<h2>Summary</h2><table id=\"summary\">");
        Row(html, "Predictions", s.Count.ToString("N0", CultureInfo.InvariantCulture));
        Row(html, "Error rate", Number(s.ErrorRate * 100, "0.##") + " %");
        if (s.Latency is { } latency)
        {
            Row(html, "Latency p50 / p95 / p99", $"{Number(latency.P50.TotalMilliseconds)} / {Number(latency.P95.TotalMilliseconds)} / {Number(latency.P99.TotalMilliseconds)} ms");
        }

        Row(html, "Drift checks (drifted)", $"{data.Drift.CheckCount} ({data.Drift.DriftedCheckCount})");
        Row(html, "Alerts", data.Alerts.Count.ToString(CultureInfo.InvariantCulture));
        if (data.Health is { } health)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>Health (last window)</th><td class=\"{health.Status}\" id=\"health\">{Number(health.Score, "0.#")} — {health.Status}</td></tr>");
            foreach (var reason in health.Reasons)
            {
                Row(html, $"− {Number(reason.Penalty, "0.#")} {reason.Component}", reason.Message);
            }
        }

        html.Append("</table>");
    }

    private static void Charts(StringBuilder html, ReportData data)
    {
        var index = data.Buckets.Select((b, i) => (b, i)).ToDictionary(p => p.b, p => p.i);
        List<(int, double)> Points<T>(IEnumerable<T> points, Func<T, DateTimeOffset> start, Func<T, double> value) =>
            [.. points.Where(p => index.ContainsKey(start(p))).Select(p => (index[start(p)], value(p)))];

        html.Append("<h2>Health</h2>");
        LineChart(html, "chart-health", data.Buckets, [
            new Series("mean score", Points(data.HealthTrend, p => p.Start, p => p.MeanScore)),
            new Series("lowest score", Points(data.HealthTrend, p => p.Start, p => p.MinScore))], "0.#");
        html.Append("<h2>Volume</h2>");
        LineChart(html, "chart-volume", data.Buckets, [new Series("predictions", Points(data.Volume, p => p.Start, p => p.PredictionCount))], "N0");
        html.Append("<h2>Error rate</h2>");
        LineChart(html, "chart-errors", data.Buckets, [new Series("error rate", Points(data.Volume, p => p.Start, p => p.ErrorRate))], "0.####");
        html.Append("<h2>Latency (ms)</h2>");
        LineChart(html, "chart-latency", data.Buckets, [
            new Series("p50", Points(data.Volume, p => p.Start, p => p.LatencyP50Ms)),
            new Series("p95", Points(data.Volume, p => p.Start, p => p.LatencyP95Ms)),
            new Series("p99", Points(data.Volume, p => p.Start, p => p.LatencyP99Ms))]);
        html.Append("<h2>Performance (realized, and estimated without labels)</h2>");
        LineChart(html, "chart-performance", data.Buckets, [
            .. data.Performance.GroupBy(p => p.Metric).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Series(g.Key, Points(g, p => p.Start, p => p.Value ?? double.NaN))),
            .. data.Estimated.GroupBy(p => p.Metric).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Series(g.Key, Points(g, p => p.Start, p => p.Value ?? double.NaN))
                {
                    Dashed = true,
                    Band = [.. g.Where(p => index.ContainsKey(p.Start)).Select(p => (index[p.Start], p.Lower ?? double.NaN, p.Upper ?? double.NaN))],
                })]);
        if (data.Estimated.Count > 0)
        {
            html.Append("<p class=\"legend\">Dashed: estimated from the predictions' confidences before labels arrive (performance estimation), shaded: its confidence band.</p>");
        }
    }

    private static void DriftSection(StringBuilder html, ReportData data)
    {
        html.Append("<h2>Drift per feature</h2>");
        var features = data.DriftTrend.Select(p => p.Feature).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (features.Length == 0 || data.Buckets.Count == 0)
        {
            html.Append("<p class=\"muted\">No drift check in the range.</p>");
            return;
        }

        var cells = data.DriftTrend.ToDictionary(p => (p.Feature, p.Start), p => (p.TestCount, p.DriftedCount));
        HeatMap(html, data.Buckets, features, (f, b) => cells.GetValueOrDefault((features[f], data.Buckets[b])));
        html.Append("<p class=\"legend\">Share of the drift tests that found drift: white none, red all, grey no test.</p>");
    }

    private static void Distributions(StringBuilder html, ReportData data)
    {
        html.Append("<h2>Distributions: reference against current</h2>");
        if (data.Distributions.Count == 0)
        {
            html.Append("<p class=\"muted\">No reference profile stored for the model.</p>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"legend\"><span style=\"color:#94a3b8\">■</span> reference <span style=\"color:#2563eb\">■</span> current (the last {Number(data.Options.CurrentPeriod.TotalHours, "0.##")} h of the range)</p><div class=\"dist\">");
        foreach (var distribution in data.Distributions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure>");
            Histogram(html, distribution.Feature, distribution.Reference, distribution.Current);
            html.Append(CultureInfo.InvariantCulture, $"<figcaption>{Encode(distribution.Feature)}: reference n = {distribution.Reference.Count:N0}, current n = {distribution.Current.Count:N0}</figcaption></figure>");
        }

        html.Append("</div>");
    }

    private static void Quality(StringBuilder html, ReportData data)
    {
        html.Append("<h2>Data quality</h2>");
        if (data.Quality.Count == 0)
        {
            html.Append("<p class=\"muted\">No data-quality metric in the range.</p>");
            return;
        }

        html.Append("<table id=\"quality\"><tr><th>Metric</th><th>windows</th><th>mean</th><th>max</th><th>latest</th></tr>");
        foreach (var metric in data.Quality)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Encode(metric.Name)}</td><td class=\"n\">{metric.Count}</td><td class=\"n\">{Number(metric.Mean, "0.####")}</td><td class=\"n\">{Number(metric.Max, "0.####")}</td><td class=\"n\">{Number(metric.Latest, "0.####")}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Alerts(StringBuilder html, ReportData data)
    {
        html.Append("<h2>Alerts</h2>");
        Timeline(html, data.Options.From, data.Options.To, data.Alerts);
        if (data.Alerts.Count == 0)
        {
            html.Append("<p class=\"muted\">No alert in the range.</p>");
            return;
        }

        html.Append("<table id=\"alerts\"><tr><th>Started</th><th>Severity</th><th>State</th><th>Alert</th><th>Message</th></tr>");
        foreach (var alert in data.Alerts.TakeLast(ReportData.MaxAlertRows))
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{alert.StartedAt ?? alert.Timestamp:yyyy-MM-dd HH:mm}</td><td>{alert.Severity}</td><td>{alert.State}</td><td>{Encode(alert.Name)}</td><td>{Encode(alert.Message)}</td></tr>");
        }

        html.Append("</table>");
        if (data.Alerts.Count > ReportData.MaxAlertRows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">The latest {ReportData.MaxAlertRows} of {data.Alerts.Count} alerts are listed.</p>");
        }
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(name)}</th><td>{Encode(value)}</td></tr>");
}
