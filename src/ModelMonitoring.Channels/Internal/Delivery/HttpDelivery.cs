using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ModelMonitoring.Channels.Internal.Delivery;

/// <summary>
/// The HTTP side of delivery shared by the webhook, Slack and PagerDuty channels: the request, the
/// usual reading of status codes, and failure reasons that never contain the URL.
/// </summary>
internal static class HttpDelivery
{
    private static readonly ProductInfoHeaderValue UserAgent = new("ModelMonitoring.Channels", typeof(HttpDelivery).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>Builds a POST of a JSON body.</summary>
    public static HttpRequestMessage JsonPost(Uri url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.UserAgent.Add(UserAgent);
        return request;
    }

    /// <summary>
    /// Sends a request and lets <paramref name="classify"/> read the answer; a network failure is a
    /// transient result. Cancellation (the attempt timeout or the caller) propagates.
    /// </summary>
    public static async ValueTask<AttemptResult> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        Func<HttpResponseMessage, CancellationToken, ValueTask<AttemptResult>> classify,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return await classify(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return AttemptResult.Transient(Describe(ex));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Transient("the connection failed while the answer was read");
        }
    }

    /// <summary>
    /// The usual reading: 2xx delivered; 408, 429 and 5xx transient (with <c>Retry-After</c>);
    /// anything else (other 4xx, redirects) permanent.
    /// </summary>
    public static AttemptResult Classify(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var code = (int)response.StatusCode;
        if (code is >= 200 and < 300)
        {
            return AttemptResult.Delivered;
        }

        if (IsTransientStatus(response.StatusCode))
        {
            return AttemptResult.Transient(Status(response), RetryAfter(response, timeProvider));
        }

        return AttemptResult.Permanent(code is >= 300 and < 400
            ? $"{Status(response)}: redirects are not followed; configure the final URL"
            : Status(response));
    }

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Names a status without the server's reason phrase, which is the server's text.</summary>
    public static string Status(HttpResponseMessage response) => $"HTTP {(int)response.StatusCode} ({response.StatusCode})";

    /// <summary>Reads <c>Retry-After</c>, as seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta >= TimeSpan.Zero ? delta : null;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// Describes a network failure by its kind only: the exception's message can name the host and
    /// port, and some handlers put the whole URL in it.
    /// </summary>
    public static string Describe(HttpRequestException exception)
    {
        var socket = FindSocketError(exception);
        return socket is null
            ? $"network error ({exception.HttpRequestError})"
            : $"network error ({exception.HttpRequestError}, {socket.SocketErrorCode})";
    }

    private static SocketException? FindSocketError(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
