using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A FHIR resource in the format the client asked for (FHIR R4 §2.1.0 "Content Types and encodings"): <c>_format</c>
/// first, then the Accept header, then the format of the request's own body; JSON when none names XML.
/// </summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK) : IResult
{
    public const string JsonType = "application/fhir+json";
    public const string XmlType = "application/fhir+xml";

    private static readonly FhirXmlSerializer Xml = new();

    public Resource Resource => resource;

    public int Status => status;

    /// <summary>Compact JSON unless the client asks for <c>_pretty=true</c> (FHIR R4 §3.1.1.5.9): a machine reads most replies.</summary>
    public static readonly JsonSerializerOptions Compact = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var xml = WantsXml(httpContext.Request);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = (xml ? XmlType : JsonType) + "; charset=utf-8";
        if (xml)
        {
            await httpContext.Response.WriteAsync(Xml.SerializeToString(resource), httpContext.RequestAborted);
            return;
        }

        var pretty = string.Equals(httpContext.Request.Query["_pretty"], "true", StringComparison.OrdinalIgnoreCase);
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, pretty ? Reports.ReportFhir.Json : Compact, httpContext.RequestAborted);
    }

    public static bool WantsXml(HttpRequest request)
    {
        var format = request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            return format.Contains("xml", StringComparison.OrdinalIgnoreCase);
        }

        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("xml", StringComparison.OrdinalIgnoreCase) || accept.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase);
        }

        // No preference stated: answer in the format the client wrote in.
        return request.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true;
    }
}
