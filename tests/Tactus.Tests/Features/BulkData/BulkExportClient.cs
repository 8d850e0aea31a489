using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.BulkData;
using Tactus.Web.Features.Screening;


namespace Tactus.Tests.Features.BulkData;

/// <summary>A backend service's side of a bulk export, as the tests drive it: kick-off, polling, the manifest and its files.</summary>
internal static class BulkExportClient
{
    public const string AllRead = "system/*.rs";
    public static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static HttpRequestMessage KickOff(string path, string prefer = "respond-async")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "application/fhir+json");
        request.Headers.Add("Prefer", prefer);
        return request;
    }

    /// <summary>Polls as a client does (honouring Retry-After would only slow the test) until the manifest comes.</summary>
    public static async Task<JsonElement> ManifestAsync(HttpClient client, Uri status)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var response = await client.GetAsync(status);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            await System.Threading.Tasks.Task.Delay(100);
        }

        throw new TimeoutException("The export did not complete in a minute.");
    }

    public static async Task<JsonElement> ExportAsync(HttpClient client, string path)
    {
        var kickOff = await client.SendAsync(KickOff(path));
        Assert.True(kickOff.StatusCode == HttpStatusCode.Accepted, await kickOff.Content.ReadAsStringAsync());
        return await ManifestAsync(client, kickOff.Content.Headers.ContentLocation!);
    }

    public static string FileUrl(JsonElement manifest, string type) =>
        manifest.GetProperty("output").EnumerateArray().Single(o => o.GetProperty("type").GetString() == type).GetProperty("url").GetString()!;

    public static async Task<List<T>> ResourcesAsync<T>(HttpClient client, string url) where T : Resource
    {
        var text = await client.GetStringAsync(url);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<T>(line, FhirJson)!).ToList();
    }

}
