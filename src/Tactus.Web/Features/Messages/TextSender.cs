using System.Net.Http.Headers;
using System.Text;

namespace Tactus.Web.Features.Messages;

/// <summary>Sends one text message; throws when the provider refuses or cannot be reached (the outbox retries).</summary>
public interface ITextSender
{
    bool Configured { get; }

    Task SendAsync(string to, string body, CancellationToken cancellationToken);
}

/// <summary>
/// Text messages through Twilio's Messages API (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>, basic
/// authentication, form fields To, From, Body), from configuration: <c>Text:AccountSid</c>, <c>Text:AuthToken</c>,
/// <c>Text:From</c>, and <c>Text:BaseUrl</c> (Twilio's API unless set). Without an account texts are not configured and
/// wait in the outbox.
/// </summary>
public sealed class TwilioTextSender(HttpClient http, IConfiguration configuration) : ITextSender
{
    public const string HttpClientName = "text-provider";

    public bool Configured => !string.IsNullOrWhiteSpace(configuration["Text:AccountSid"]) && !string.IsNullOrWhiteSpace(configuration["Text:From"]);

    public async Task SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        var sid = configuration["Text:AccountSid"] ?? throw new InvalidOperationException("No text provider is configured (Text:AccountSid).");
        var baseUrl = (configuration["Text:BaseUrl"] ?? "https://api.twilio.com").TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/2010-04-01/Accounts/{Uri.EscapeDataString(sid)}/Messages.json")
        {
            Content = new FormUrlEncodedContent([new("To", to), new("From", configuration["Text:From"]!), new("Body", body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{configuration["Text:AuthToken"]}")));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The text provider answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}

/// <summary>Telephone numbers as text providers take them (E.164).</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// "+15552013344" from "(555) 201-3344" (ten digits are a North American number, the demo clinic's), or from a
    /// number already written with its country code; null when the number cannot be read as one.
    /// </summary>
    public static string? ToE164(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return phone.TrimStart().StartsWith('+') && digits.Length is >= 8 and <= 15 ? "+" + digits
            : digits.Length == 10 ? "+1" + digits
            : digits.Length == 11 && digits[0] == '1' ? "+" + digits
            : null;
    }
}
