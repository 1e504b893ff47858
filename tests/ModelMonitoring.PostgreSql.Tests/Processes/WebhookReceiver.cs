using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>A webhook endpoint on 127.0.0.1 (HttpListener) that answers 200 and keeps every alert it is sent.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonElement> _bodies = [];
    private readonly Task _loop;

    public WebhookReceiver()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/alerts/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Gets the bodies received so far.</summary>
    public IReadOnlyList<JsonElement> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _ = _loop.ContinueWith(static t => t.Exception, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var document = await JsonDocument.ParseAsync(context.Request.InputStream).ConfigureAwait(false))
            {
                lock (_bodies)
                {
                    _bodies.Add(document.RootElement.Clone());
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
