using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Tactus.Tests.Infrastructure;

/// <summary>A real SMTP server on 127.0.0.1 (the SmtpServer package), keeping what arrives, for the outbox's tests.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public int Port { get; } = FreePort();
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Received));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
        WaitUntilListening();
    }

    /// <summary>The server binds on a background task; a test that sends right after starting it must find it listening.</summary>
    private void WaitUntilListening()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (attempt < 200)
            {
                Thread.Sleep(25);
            }
        }
    }

    /// <summary>Stops listening, as a mail server that is down.</summary>
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            _server.Shutdown();
            await _server.ShutdownTask;
            _server = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_running is not null)
        {
            await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>Tactus with its outbox pointed at a test SMTP server.</summary>
public class MailApp(TestStore store) : TactusApp(store)
{
    public TestSmtpServer Smtp { get; } = new();

    /// <summary>The text provider's test double (issue 13 §2 allows one): it records what would have been sent.</summary>
    public RecordingTextSender Texts { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Smtp.Start();
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:From", "Riverside Integrative Health <no-reply@riverside.example>");
        builder.UseSetting("Messages:PollSeconds", "3600"); // the tests send when they mean to
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<Tactus.Web.Features.Messages.ITextSender>();
            services.AddSingleton<Tactus.Web.Features.Messages.ITextSender>(Texts);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Records text messages instead of sending them: no text provider runs on this machine.</summary>
public sealed class RecordingTextSender : Tactus.Web.Features.Messages.ITextSender
{
    public ConcurrentQueue<(string To, string Body)> Sent { get; } = new();

    public bool Configured => true;

    public Task SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        Sent.Enqueue((to, body));
        return Task.CompletedTask;
    }
}

public sealed class SqliteMailApp() : MailApp(TestStore.Sqlite);

public sealed class PostgreSqlMailApp() : MailApp(TestStore.PostgreSql);
