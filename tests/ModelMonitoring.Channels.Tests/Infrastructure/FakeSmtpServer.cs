using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>
/// A small SMTP server on 127.0.0.1 and a free port, speaking enough of the protocol for MailKit:
/// greeting, EHLO/HELO, STARTTLS, AUTH LOGIN and PLAIN, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT,
/// in plain text, with STARTTLS or with implicit TLS, under a given (self-signed) certificate. Like a
/// real submission server it offers AUTH only once the session is encrypted (or when it has no TLS).
/// Each message's DATA is answered with the next scripted reply (250 when none is left).
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<string> _dataReplies = new();
    private readonly object _gate = new();
    private readonly List<ReceivedMail> _messages = [];
    private readonly List<Task> _sessions = [];
    private int _transactions;
    private Task _accepting = Task.CompletedTask;
    private SmtpTls _tls;
    private X509Certificate2? _certificate;

    /// <summary>How a session is protected.</summary>
    public enum SmtpTls
    {
        None,
        StartTls,
        Implicit,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Gets the messages accepted with a 2xx reply.</summary>
    public IReadOnlyList<ReceivedMail> Messages { get { lock (_gate) { return [.. _messages]; } } }

    /// <summary>Gets how many messages reached the end of DATA, accepted or not.</summary>
    public int Transactions => Volatile.Read(ref _transactions);

    public static FakeSmtpServer Start(SmtpTls tls = SmtpTls.None, X509Certificate2? certificate = null)
    {
        var server = new FakeSmtpServer { _tls = tls, _certificate = certificate };
        if (tls != SmtpTls.None && certificate is null)
        {
            throw new ArgumentNullException(nameof(certificate), "TLS needs a certificate.");
        }

        server._listener.Start();
        server._accepting = server.AcceptAsync();
        return server;
    }

    /// <summary>Sets how the end of the next messages' DATA is answered, such as <c>554 5.7.1 Rejected</c>.</summary>
    public void ReplyToData(params string[] replies)
    {
        foreach (var reply in replies)
        {
            _dataReplies.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        Task[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            lock (_gate)
            {
                _sessions.Add(Task.Run(() => ServeAsync(client)));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var token = _stopping.Token;
        Stream stream = client.GetStream();
        var secured = false;
        if (_tls == SmtpTls.Implicit)
        {
            stream = await SecureAsync(stream, token);
            secured = true;
        }

        var reader = new StreamReader(stream, Encoding.UTF8);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            string? from = null, user = null, password = null;
            var to = new List<string>();
            await writer.WriteLineAsync("220 localhost fake SMTP ready");
            while (await reader.ReadLineAsync(token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : string.Empty;
                switch (verb)
                {
                    case "EHLO":
                        var startTls = _tls == SmtpTls.StartTls && !secured ? "250-STARTTLS\r\n" : string.Empty;
                        var auth = secured || _tls == SmtpTls.None ? "250-AUTH LOGIN PLAIN\r\n" : string.Empty;
                        await writer.WriteAsync($"250-localhost\r\n{startTls}{auth}250 OK\r\n");
                        break;
                    case "STARTTLS" when _tls == SmtpTls.StartTls && !secured:
                        await writer.WriteLineAsync("220 2.0.0 Ready to start TLS");

                        // The client sends nothing more until the handshake, so the reader holds no buffered bytes.
                        stream = await SecureAsync(stream, token);
                        secured = true;
                        reader = new StreamReader(stream, Encoding.UTF8);
                        writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
                        from = null;
                        to.Clear();
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "AUTH":
                        (user, password) = await AuthenticateAsync(argument, reader, writer, token);
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        from = Address(argument);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(argument));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(reader, token);
                        Interlocked.Increment(ref _transactions);
                        var reply = _dataReplies.TryDequeue(out var scripted) ? scripted : "250 2.0.0 Queued";
                        if (reply.StartsWith('2'))
                        {
                            lock (_gate)
                            {
                                _messages.Add(new ReceivedMail(from ?? string.Empty, [.. to], data, user, password, secured));
                            }
                        }

                        await writer.WriteLineAsync(reply);
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException)
        {
            // The client hung up or refused our certificate; the test reads what the client reports.
        }
        finally
        {
            reader.Dispose();
            await writer.DisposeAsync();
        }
    }

    private async Task<Stream> SecureAsync(Stream inner, CancellationToken token)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, token);
        return ssl;
    }

    private static async Task<(string User, string Password)> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer, CancellationToken token)
    {
        var parts = argument.Split(' ', 2);
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var response = parts.Length > 1 ? parts[1] : await Prompt(string.Empty);
            var fields = Decode(response).Split('\0');
            return (fields[1], fields[2]);
        }

        var user = parts.Length > 1 ? Decode(parts[1]) : Decode(await Prompt("Username:"));
        var password = Decode(await Prompt("Password:"));
        return (user, password);

        async Task<string> Prompt(string text)
        {
            await writer.WriteLineAsync("334 " + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
            return await reader.ReadLineAsync(token) ?? string.Empty;
        }
    }

    private static async Task<string> ReadDataAsync(StreamReader reader, CancellationToken token)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(token) is { } line && line != ".")
        {
            // Undo dot-stuffing: a line the client started with a dot got a second one.
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        return data.ToString();
    }

    private static string Address(string argument)
    {
        var start = argument.IndexOf('<', StringComparison.Ordinal);
        var end = argument.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
}
