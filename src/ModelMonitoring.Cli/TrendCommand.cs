using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Cli;

/// <summary><c>modelmon trend</c>: prints a model's hourly or daily roll-ups from a SQLite store, oldest bucket first.</summary>
internal sealed class TrendCommand
{
    public Option<string> Store { get; } = new("--store") { Description = "SQLite store written by the monitoring pipeline (UseSqlite).", HelpName = "path", Required = true };

    public Option<string> Model { get; } = new("--model") { Description = "Model name.", HelpName = "name", Required = true };

    public Option<string> Resolution { get; } = new("--resolution") { Description = "Bucket size: hour or day. Default: hour.", HelpName = "hour|day", DefaultValueFactory = _ => "hour" };

    public Option<string> From { get; } = new("--from") { Description = "Start of the range, ISO 8601 (UTC when no offset). Default: all.", HelpName = "time" };

    public Option<string> To { get; } = new("--to") { Description = "End of the range, exclusive, ISO 8601. Default: all.", HelpName = "time" };

    public Option<string> Metric { get; } = new("--metric") { Description = "Only roll-up values whose name starts with this prefix (such as latency_ or health_).", HelpName = "prefix" };

    public Option<string> Format { get; } = new("--format") { Description = "text or json. Default: text.", HelpName = "text|json", DefaultValueFactory = _ => "text" };

    public Command Command(TextWriter output)
    {
        var command = new Command("trend", "Prints a model's hourly or daily roll-ups (volume, errors, latency percentiles, realized performance, drift, health) from a SQLite store.")
        {
            Store, Model, Resolution, From, To, Metric, Format,
        };
        command.SetAction(parse => Run(
            parse.GetValue(Store)!,
            parse.GetValue(Model)!,
            parse.GetValue(Resolution)!,
            StoreArguments.Time(parse.GetValue(From), From.Name) ?? DateTimeOffset.MinValue,
            StoreArguments.Time(parse.GetValue(To), To.Name) ?? DateTimeOffset.MaxValue,
            parse.GetValue(Metric),
            parse.GetValue(Format)!,
            output));
        return command;
    }

    public static int Run(string store, string model, string resolution, DateTimeOffset from, DateTimeOffset to, string? metric, string format, TextWriter output)
    {
        var bucket = resolution switch
        {
            "hour" => TrendResolution.Hour,
            "day" => TrendResolution.Day,
            _ => throw new UsageException($"Option '--resolution': '{resolution}' is not allowed; use hour or day."),
        };
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"Option '--format': '{format}' is not allowed; use text or json.");
        }

        StoreArguments.CheckRange(from, to);
        using var provider = StoreArguments.Open(store);
        var points = provider.GetRequiredService<ITrendReader>().GetTrendAsync(model, bucket, from, to, metric).GetAwaiter().GetResult();
        if (format == "json")
        {
            WriteJson(points, model, resolution, output);
            return 0;
        }

        if (points.Count == 0)
        {
            output.WriteLine($"No roll-ups of model '{model}' in {store} (buckets are rolled up once they have closed).");
            return 0;
        }

        output.WriteLine("bucket_start          metric                                   value        weight");
        foreach (var point in points)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{point.Start.UtcDateTime:yyyy-MM-ddTHH:mm}Z  {point.Metric,-38} {(point.Value is { } value ? value.ToString("G6", CultureInfo.InvariantCulture) : "null"),12} {point.Weight,12}"));
        }

        return 0;
    }

    private static void WriteJson(IReadOnlyList<TrendPoint> points, string model, string resolution, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("resolution", resolution);
            json.WriteStartArray("points");
            foreach (var point in points)
            {
                json.WriteStartObject();
                json.WriteString("start", point.Start);
                json.WriteString("metric", point.Metric);
                if (point.Value is { } value && double.IsFinite(value))
                {
                    json.WriteNumber("value", value);
                }
                else
                {
                    json.WriteNull("value");
                }

                json.WriteNumber("weight", point.Weight);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
