using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// Reads the resource a client sent (FHIR R4 §3.1.0.1.6): JSON or XML by Content-Type (anything else is 415), parsed
/// by the Firely SDK in its strict mode. The parser throws on inputs it cannot represent (an empty property name, an
/// abstract resourceType, an unknown element): each answers 400 with what the parser said, never a 500.
/// </summary>
public static class FhirRequestBody
{
    /// <summary>A resource larger than this is refused before parsing (a patient or referral is a few kilobytes).</summary>
    public const int MaxResourceBytes = 1 << 20;

    /// <summary>A transaction carries several resources; still bounded, so one request cannot hold the server's memory.</summary>
    public const int MaxBundleBytes = 8 << 20;

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private static readonly FhirXmlDeserializer Xml = new();

    public sealed record Parsed<T>(T? Resource, IResult? Error)
        where T : Resource;

    public static async Task<Parsed<T>> ReadAsync<T>(HttpRequest request, int maxBytes = MaxResourceBytes)
        where T : Resource
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var xml = mediaType is "application/fhir+xml" or "application/xml" or "text/xml";
        if (!xml && mediaType is not ("application/fhir+json" or "application/json" or "application/json+fhir"))
        {
            return Fail<T>(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                "Send the resource as application/fhir+json or application/fhir+xml.");
        }

        if (request.ContentLength > maxBytes)
        {
            return Fail<T>(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"The resource is larger than {maxBytes / 1024} KB.");
        }

        string text;
        try
        {
            text = await ReadBoundedAsync(request, maxBytes);
        }
        catch (InvalidDataException)
        {
            return Fail<T>(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"The resource is larger than {maxBytes / 1024} KB.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail<T>(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "The request has no resource in its body.");
        }

        Resource? parsed;
        try
        {
            parsed = xml ? Xml.Deserialize<Resource>(text) : JsonSerializer.Deserialize<Resource>(text, Json);
        }
        catch (DeserializationFailedException failed)
        {
            var problems = failed.Exceptions.Select(e => e.Message).Take(5).ToList();
            return Fail<T>(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                "The resource could not be read: " + string.Join(" ", problems.Count > 0 ? problems : [failed.Message]));
        }
#pragma warning disable CA1031 // The parser is third-party code fed by a client: whatever it throws is the client's malformed input.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return Fail<T>(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "The resource could not be read: " + e.Message);
        }

        return parsed switch
        {
            T resource => new Parsed<T>(resource, null),
            null => Fail<T>(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "The request has no resource in its body."),
            _ => Fail<T>(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                $"This address takes a {ModelInfo.GetFhirTypeNameForType(typeof(T))}, not a {parsed.TypeName}."),
        };
    }

    /// <summary>The body as text, refused (InvalidDataException) once it passes maxBytes; never buffered past that.</summary>
    internal static async Task<string> ReadBoundedAsync(HttpRequest request, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException("Body too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Parsed<T> Fail<T>(int status, OperationOutcome.IssueType type, string message)
        where T : Resource => new(null, FhirApi.Outcome(status, type, message));
}
