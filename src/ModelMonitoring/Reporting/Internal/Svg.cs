using System.Globalization;
using System.Net;
using System.Text;

namespace ModelMonitoring.Reporting.Internal;

/// <summary>
/// Inline SVG charts drawn as plain elements, so the page needs no script. Each chart carries its point or cell count
/// in a data attribute, and each point is one element (a circle or a rect with a tooltip), so a browser test can count them.
/// </summary>
internal static class Svg
{
    private const int Width = 760;
    private const int Height = 180;
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 28;
    private static readonly string[] Colours = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];

    /// <summary>
    /// One line of a chart: its name and (bucket index, value) points; dashed for an estimate, with its band (a shaded area
    /// between the lower and upper values of each point) when it has one.
    /// </summary>
    public sealed record Series(string Name, IReadOnlyList<(int Bucket, double Value)> Points)
    {
        public bool Dashed { get; init; }

        public IReadOnlyList<(int Bucket, double Lower, double Upper)> Band { get; init; } = [];
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string Number(double value, string format = "0.###") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>A line chart over the report's buckets; missing buckets leave gaps in the line, not zeros.</summary>
    public static void LineChart(StringBuilder html, string id, IReadOnlyList<DateTimeOffset> buckets, IReadOnlyList<Series> series, string format = "0.###")
    {
        var values = series.SelectMany(s => s.Points).Select(p => p.Value)
            .Concat(series.SelectMany(s => s.Band).SelectMany(b => new[] { b.Lower, b.Upper })).Where(double.IsFinite).ToArray();
        var count = series.Sum(s => s.Points.Count(p => double.IsFinite(p.Value)));
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" data-points=\"{count}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        if (values.Length == 0 || buckets.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" class=\"muted\">no data in the range</text></svg>");
            return;
        }

        var (min, max) = (Math.Min(0, values.Min()), values.Max());
        if (max <= min)
        {
            max = min + 1;
        }

        Axes(html, buckets, min, max, format);

        // Bands first, so that every line is drawn over them: the upper edge left to right, then the lower edge back.
        for (var s = 0; s < series.Count; s++)
        {
            var band = series[s].Band.Where(b => double.IsFinite(b.Lower) && double.IsFinite(b.Upper)).OrderBy(b => b.Bucket).ToArray();
            if (band.Length == 0)
            {
                continue;
            }

            var outline = string.Join(" ", band.Select(b => string.Create(CultureInfo.InvariantCulture, $"{X(b.Bucket, buckets.Count):0.#},{Y(b.Upper, min, max):0.#}"))
                .Concat(band.AsEnumerable().Reverse().Select(b => string.Create(CultureInfo.InvariantCulture, $"{X(b.Bucket, buckets.Count):0.#},{Y(b.Lower, min, max):0.#}"))));
            html.Append(CultureInfo.InvariantCulture, $"<polygon class=\"band\" points=\"{outline}\" fill=\"{Colours[s % Colours.Length]}\" fill-opacity=\"0.15\" stroke=\"none\"><title>{Encode(series[s].Name)} band</title></polygon>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var path = new StringBuilder();
            var pen = 'M';
            foreach (var (bucket, value) in series[s].Points)
            {
                if (!double.IsFinite(value))
                {
                    pen = 'M';
                    continue;
                }

                path.Append(CultureInfo.InvariantCulture, $"{pen}{X(bucket, buckets.Count):0.#} {Y(value, min, max):0.#}");
                pen = 'L';
            }

            var dash = series[s].Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash}/>");
            foreach (var (bucket, value) in series[s].Points)
            {
                if (double.IsFinite(value))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<circle class=\"pt\" cx=\"{X(bucket, buckets.Count):0.#}\" cy=\"{Y(value, min, max):0.#}\" r=\"2\" fill=\"{colour}\"><title>{Encode(series[s].Name)} {buckets[bucket]:yyyy-MM-dd HH:mm}: {Number(value, format)}</title></circle>");
                }
            }
        }

        html.Append("</svg>");
        if (series.Count > 1)
        {
            html.Append("<p class=\"legend\">");
            for (var s = 0; s < series.Count; s++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<span style=\"color:{Colours[s % Colours.Length]}\">■</span> {Encode(series[s].Name)} ");
            }

            html.Append("</p>");
        }
    }

    /// <summary>Drift per feature and bucket: the share of the bucket's tests that found drift, white (none) to red (all); grey without a test.</summary>
    public static void HeatMap(StringBuilder html, IReadOnlyList<DateTimeOffset> buckets, IReadOnlyList<string> features, Func<int, int, (long Tests, long Drifted)> cell)
    {
        const int labelWidth = 160;
        const int rowHeight = 16;
        var cellWidth = Math.Max(2.0, (Width - labelWidth - Right) / (double)Math.Max(1, buckets.Count));
        var height = Top + (features.Count * rowHeight) + Bottom;
        var width = labelWidth + (cellWidth * buckets.Count) + Right;
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"heatmap\" data-rows=\"{features.Count}\" data-columns=\"{buckets.Count}\" viewBox=\"0 0 {width:0.#} {height}\" role=\"img\">");
        for (var f = 0; f < features.Count; f++)
        {
            var y = Top + (f * rowHeight);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\" class=\"label\">{Encode(Shorten(features[f], 24))}</text>");
            for (var b = 0; b < buckets.Count; b++)
            {
                var (tests, drifted) = cell(f, b);
                var fill = tests == 0 ? "#e5e7eb" : Red((double)drifted / tests);
                var tip = tests == 0 ? "no drift test" : string.Create(CultureInfo.InvariantCulture, $"{drifted} of {tests} tests drifted");
                html.Append(CultureInfo.InvariantCulture, $"<rect class=\"cell\" x=\"{labelWidth + (b * cellWidth):0.##}\" y=\"{y}\" width=\"{cellWidth:0.##}\" height=\"{rowHeight - 2}\" fill=\"{fill}\"><title>{Encode(features[f])} {buckets[b]:yyyy-MM-dd HH:mm}: {tip}</title></rect>");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth}\" y=\"{height - 8}\" class=\"label\">{buckets[0]:yyyy-MM-dd HH:mm}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - Right:0.#}\" y=\"{height - 8}\" text-anchor=\"end\" class=\"label\">{buckets[^1]:yyyy-MM-dd HH:mm}</text></svg>");
    }

    /// <summary>Reference and current values of a feature binned over their common range, each as shares of its own count.</summary>
    public static void Histogram(StringBuilder html, string feature, IReadOnlyList<double> reference, IReadOnlyList<double> current, int bins = 20)
    {
        const int height = 120;
        var all = reference.Concat(current).ToArray();
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"histogram\" data-feature=\"{Encode(feature)}\" data-bins=\"{bins}\" viewBox=\"0 0 360 {height + 20}\" role=\"img\">");
        if (all.Length == 0)
        {
            html.Append("<text x=\"180\" y=\"60\" text-anchor=\"middle\" class=\"muted\">no values</text></svg>");
            return;
        }

        var (min, max) = (all.Min(), all.Max());
        var span = max > min ? max - min : 1;
        var refShares = HistogramShares.Of(reference, min, span, bins);
        var curShares = HistogramShares.Of(current, min, span, bins);
        var top = Math.Max(refShares.Max(), curShares.Max());
        var barWidth = 340.0 / bins;
        for (var b = 0; b < bins; b++)
        {
            var x = 10 + (b * barWidth);
            var rh = top > 0 ? refShares[b] / top * height : 0;
            var ch = top > 0 ? curShares[b] / top * height : 0;
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"ref\" x=\"{x:0.#}\" y=\"{height - rh:0.#}\" width=\"{(barWidth / 2) - 0.5:0.#}\" height=\"{rh:0.#}\" fill=\"#94a3b8\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"cur\" x=\"{x + (barWidth / 2):0.#}\" y=\"{height - ch:0.#}\" width=\"{(barWidth / 2) - 0.5:0.#}\" height=\"{ch:0.#}\" fill=\"#2563eb\"/>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{height + 14}\" class=\"label\">{Number(min, "G4")}</text><text x=\"350\" y=\"{height + 14}\" text-anchor=\"end\" class=\"label\">{Number(max, "G4")}</text></svg>");
    }

    /// <summary>The alerts on the report's time axis, one circle each, coloured by severity.</summary>
    public static void Timeline(StringBuilder html, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<Alerting.Alert> alerts)
    {
        const int height = 60;
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" data-alerts=\"{alerts.Count}\" viewBox=\"0 0 {Width} {height}\" role=\"img\">");
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"30\" x2=\"{Width - Right}\" y2=\"30\" stroke=\"#9ca3af\"/>");
        var span = Math.Max(1, (to - from).Ticks);
        foreach (var alert in alerts)
        {
            var at = alert.StartedAt ?? alert.Timestamp;
            var x = Left + ((Width - Left - Right) * Math.Clamp((double)(at - from).Ticks / span, 0, 1));
            var (y, colour) = alert.Severity switch
            {
                Alerting.AlertSeverity.Critical => (18, "#dc2626"),
                Alerting.AlertSeverity.Warning => (30, "#ea580c"),
                _ => (42, "#2563eb"),
            };
            html.Append(CultureInfo.InvariantCulture, $"<circle class=\"alert\" cx=\"{x:0.#}\" cy=\"{y}\" r=\"4\" fill=\"{colour}\"><title>{at:yyyy-MM-dd HH:mm} {alert.Severity} {Encode(alert.Name)}</title></circle>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{height - 2}\" class=\"label\">{from:yyyy-MM-dd HH:mm}</text><text x=\"{Width - Right}\" y=\"{height - 2}\" text-anchor=\"end\" class=\"label\">{to:yyyy-MM-dd HH:mm}</text></svg>");
    }

    private static void Axes(StringBuilder html, IReadOnlyList<DateTimeOffset> buckets, double min, double max, string format)
    {
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#9ca3af\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#9ca3af\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 4}\" text-anchor=\"end\" class=\"label\">{Number(max, format)}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\" class=\"label\">{Number(min, format)}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" class=\"label\">{buckets[0]:yyyy-MM-dd HH:mm}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\" class=\"label\">{buckets[^1]:yyyy-MM-dd HH:mm}</text>");
    }

    private static double X(int bucket, int count) => Left + ((Width - Left - Right) * (count == 1 ? 0.5 : bucket / (double)(count - 1)));

    private static double Y(double value, double min, double max) => Height - Bottom - ((Height - Top - Bottom) * (value - min) / (max - min));

    private static string Red(double share)
    {
        var fade = (int)Math.Round(255 * (1 - Math.Clamp(share, 0, 1)));
        return string.Create(CultureInfo.InvariantCulture, $"rgb(255,{fade},{fade})");
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
