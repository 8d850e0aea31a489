using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// The FHIR data a service needs (CDS Hooks 2.0 "Providing FHIR Resources to a CDS Service"): what the EHR prefetched,
/// or, when it did not, the same query against the EHR's FHIR server with the <c>fhirAuthorization</c> token it passed.
/// Only the EHR's own origin (its registered issuer's) is ever called, so a request cannot point Tactus at another host.
/// EHR data is read as plain JSON, element by element: an EHR's resource need not be valid for Tactus to read what it needs.
/// </summary>
public sealed partial class CdsFhirData(IHttpClientFactory clients, ILogger<CdsFhirData> logger)
{
    public const string HttpClientName = "cds-fhir";

    /// <summary>A FHIR response larger than this is not read (a Bundle of a patient's conditions is far smaller).</summary>
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>The prefetched item, or the result of its query on the EHR's server; null when neither is to be had.</summary>
    public async Task<JsonElement?> GetAsync(CdsRequest request, string key, string template, string issuer, CancellationToken ct)
    {
        if (request.Prefetch?.TryGetValue(key, out var prefetched) == true && prefetched.ValueKind == JsonValueKind.Object)
        {
            return prefetched;
        }

        if (request.FhirAuthorization?.AccessToken is not { Length: > 0 } token || !SameOrigin(request.FhirServer, issuer, out var server)
            || Fill(template, request.Context) is not { } query)
        {
            return null;
        }

        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(server.AbsoluteUri.TrimEnd('/') + "/" + query));
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var limited = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (limited.Length + read > MaxResponseBytes)
                {
                    return null;
                }

                limited.Write(buffer, 0, read);
            }

            using var document = JsonDocument.Parse(limited.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or UriFormatException)
        {
            logger.LogWarning(e, "The EHR's FHIR server did not answer {Key} usefully.", key);
            return null;
        }
    }

    /// <summary>The EHR's FHIR server, only if it sits on its issuer's scheme, host and port.</summary>
    public static bool SameOrigin(string? fhirServer, string issuer, out Uri server)
    {
        server = null!;
        if (!Uri.TryCreate(fhirServer, UriKind.Absolute, out var candidate) || !Uri.TryCreate(issuer, UriKind.Absolute, out var origin))
        {
            return false;
        }

        server = candidate;
        return (candidate.Scheme == Uri.UriSchemeHttps || candidate.Scheme == Uri.UriSchemeHttp)
            && Uri.Compare(candidate, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>A prefetch template with its <c>{{context.name}}</c> tokens filled from the request's context; null if one is missing.</summary>
    public static string? Fill(string template, JsonElement context)
    {
        var missing = false;
        var filled = Token().Replace(template, match =>
        {
            if (context.ValueKind == JsonValueKind.Object && context.TryGetProperty(match.Groups[1].Value, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return Uri.EscapeDataString(value.GetString()!);
            }

            missing = true;
            return "";
        });
        return missing ? null : filled;
    }

    /// <summary>The resources of a Bundle (entry.resource), or the one resource given.</summary>
    public static IEnumerable<JsonElement> Resources(JsonElement? bundleOrResource)
    {
        if (bundleOrResource is not { ValueKind: JsonValueKind.Object } element)
        {
            yield break;
        }

        if (Text(element, "resourceType") != "Bundle")
        {
            yield return element;
            yield break;
        }

        if (element.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object)
                {
                    yield return resource;
                }
            }
        }
    }

    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The codings of a CodeableConcept property, or of each CodeableConcept of an array property.</summary>
    public static IEnumerable<(string? System, string? Code, string? Display)> Codings(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value))
        {
            yield break;
        }

        var concepts = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        foreach (var concept in concepts.Where(c => c.ValueKind == JsonValueKind.Object))
        {
            if (concept.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array)
            {
                foreach (var coding in codings.EnumerateArray())
                {
                    yield return (Text(coding, "system"), Text(coding, "code"), Text(coding, "display"));
                }
            }
        }
    }

    /// <summary>The words a CodeableConcept gives: its text, else its codings' displays.</summary>
    public static IEnumerable<string> Words(JsonElement element, string property)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var concept) && concept.ValueKind == JsonValueKind.Object
            && Text(concept, "text") is { Length: > 0 } text)
        {
            yield return text;
        }

        foreach (var (_, _, display) in Codings(element, property))
        {
            if (display is { Length: > 0 })
            {
                yield return display;
            }
        }
    }

    [GeneratedRegex(@"\{\{context\.([A-Za-z]+)\}\}")]
    private static partial Regex Token();
}
