using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port. Records every request, and answers each
/// with the next scripted <see cref="Reply"/>, or <see cref="DefaultReply"/> when the script is empty.
/// </summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();

    private FakeHttpServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets or sets the answer when the script is empty. The default is 200 with the body <c>ok</c>.</summary>
    public Reply DefaultReply { get; set; } = Reply.Status(200, "ok");

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_gate) { return [.. _requests]; } } }

    /// <summary>Starts a server; request times are read from <paramref name="clock"/> (the test's fake clock).</summary>
    public static async Task<FakeHttpServer> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeHttpServer(app, clock);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>Adds answers for the next requests, in order.</summary>
    public void Enqueue(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived (before they are answered).</summary>
    public Task WhenRequests(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, headers, body.ToArray(), _clock.GetUtcNow());
        Reply reply;
        lock (_gate)
        {
            // The reply is taken with the request recorded, so the n-th request gets the n-th scripted reply.
            _requests.Add(request);
            reply = _script.TryDequeue(out var next) ? next : DefaultReply;
            foreach (var waiter in _waiters.Where(w => w.Count <= _requests.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }

        if (reply.Hangs)
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(Timeout.Infinite, ended.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.StatusCode;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            await context.Response.WriteAsync(reply.Body);
        }
    }
}
