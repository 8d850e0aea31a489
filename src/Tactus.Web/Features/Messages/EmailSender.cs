using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Tactus.Web.Features.Messages;

/// <summary>Sends one e-mail; throws when the server refuses or cannot be reached (the outbox retries).</summary>
public interface IEmailSender
{
    bool Configured { get; }

    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>
/// SMTP through MailKit, from configuration: <c>Smtp:Host</c>, <c>Smtp:Port</c> (587), <c>Smtp:From</c>, and
/// <c>Smtp:User</c>/<c>Smtp:Password</c> when the server asks. STARTTLS when the server offers it; a server on the
/// loopback interface (a local relay, the tests' server) is spoken to as it is.
/// </summary>
public sealed class SmtpEmailSender(IConfiguration configuration) : IEmailSender
{
    public bool Configured => !string.IsNullOrWhiteSpace(configuration["Smtp:Host"]);

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var host = configuration["Smtp:Host"] ?? throw new InvalidOperationException("No SMTP server is configured (Smtp:Host).");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(configuration["Smtp:From"] ?? "Tactus <no-reply@tactus.invalid>"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient();
        var loopback = host is "127.0.0.1" or "localhost" or "::1";
        await client.ConnectAsync(host, configuration.GetValue("Smtp:Port", 587), loopback ? SecureSocketOptions.None : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (configuration["Smtp:User"] is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, configuration["Smtp:Password"] ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
