using System.Text;
using System.Text.Json;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>One request as the server saw it, and the fake time it arrived at.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
