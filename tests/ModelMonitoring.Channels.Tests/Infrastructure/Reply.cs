namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>What <see cref="FakeHttpServer"/> answers one request with.</summary>
public sealed record Reply(int StatusCode, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, bool Hangs = false)
{
    public static Reply Status(int statusCode, string? body = null) => new(statusCode, body);

    public static Reply TooManyRequests(int retryAfterSeconds) =>
        new(429, "rate_limited", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Never answers; the request ends when the client gives up or the server stops.</summary>
    public static Reply Hang() => new(0, Hangs: true);
}
