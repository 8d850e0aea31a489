using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Features.Scheduling;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Messages;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Messages;

/// <summary>
/// Text messages (issue 13 §2): reminders go by text to a patient's number when a provider is configured (the recording
/// double here), and the one real provider, Twilio's Messages API, is spoken to over real HTTP on 127.0.0.1.
/// </summary>
public abstract class TextMessageTests(MailApp app)
{
    [Fact]
    public async Task AReminder_GoesByTextToThePatientsNumber_WithoutClinicalDetail()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Texting" + Guid.NewGuid().ToString("N")[..6]);
        var phone = $"(555) 3{Random.Shared.Next(10, 99)}-{Random.Shared.Next(1000, 9999)}";
        await app.WithDbAsync(async db =>
        {
            (await db.Patients.FindAsync(loop.PatientId))!.Phone = phone;
            return await db.SaveChangesAsync();
        });
        var startsAt = data.Weekday(26, 10);
        Assert.True((await loop.Manager.PostAsync("/api/appointments", Json.Body(data.Booking(loop.ReferralId, startsAt)))).IsSuccessStatusCode);

        app.Clock.SetUtcNow(startsAt.AddHours(-47).ToUniversalTime());
        await app.Services.GetRequiredService<OutboxWorker>().SendDueAsync(CancellationToken.None);
        var e164 = PhoneNumbers.ToE164(phone);
        var text = Assert.Single(app.Texts.Sent, t => t.To == e164);

        Assert.StartsWith("+1555", e164, StringComparison.Ordinal);
        Assert.Contains("10:00 (America/Los_Angeles)", text.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Texting", text.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("back pain", text.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("(555) 201-3344", "+15552013344")]
    [InlineData("1 555 201 3344", "+15552013344")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("201-3344", null)]
    [InlineData("", null)]
    public void PhoneNumbers_AreWrittenAsProvidersTakeThem(string written, string? e164) => Assert.Equal(e164, PhoneNumbers.ToE164(written));

    /// <summary>Twilio's Messages API as a local HTTP server sees it: the account's path, basic authentication, and To, From, Body.</summary>
    [Fact]
    public async Task TheTwilioSender_PostsTheMessageAsTheApiTakesIt_AndARefusalFails()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Text:AccountSid"] = "AC123", ["Text:AuthToken"] = "secret", ["Text:From"] = "+15550001111", ["Text:BaseUrl"] = $"http://127.0.0.1:{port}",
        }).Build();
        var sender = new TwilioTextSender(new HttpClient(), configuration);

        var received = ReceiveAsync(listener, HttpStatusCode.Created);
        await sender.SendAsync("+15552013344", "Reminder: your appointment", CancellationToken.None);
        var (path, authorization, form) = await received;
        var refusing = ReceiveAsync(listener, HttpStatusCode.BadRequest);
        var refused = await Record.ExceptionAsync(() => sender.SendAsync("+15552013344", "x", CancellationToken.None));
        await refusing;

        Assert.True(sender.Configured);
        Assert.Equal("/2010-04-01/Accounts/AC123/Messages.json", path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:secret")), authorization);
        Assert.Equal("To=%2B15552013344&From=%2B15550001111&Body=Reminder%3A+your+appointment", form);
        Assert.IsType<HttpRequestException>(refused);
    }

    private static async Task<(string Path, string? Authorization, string Form)> ReceiveAsync(HttpListener listener, HttpStatusCode answer)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var form = await reader.ReadToEndAsync();
        context.Response.StatusCode = (int)answer;
        context.Response.Close();
        return (context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], form);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

public sealed class TextMessageSqliteTests(SqliteMailApp app) : TextMessageTests(app), IClassFixture<SqliteMailApp>;

public sealed class TextMessagePostgreSqlTests(PostgreSqlMailApp app) : TextMessageTests(app), IClassFixture<PostgreSqlMailApp>;
