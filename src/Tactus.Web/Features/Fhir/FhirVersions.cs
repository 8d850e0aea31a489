using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Net.Http.Headers;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.Fhir;

/// <summary>A vread (<c>_history/{version}</c>) or an instance history (<c>_history</c>) of the resource read at the rewritten path.</summary>
public sealed record FhirHistoryRequest(string? Version);

/// <summary>
/// Versions of what Tactus serves (FHIR R4 §3.1.0.2 read, §3.1.0.3 vread, §3.1.0.10 history, §3.1.0.5 ETag). A patient's
/// demographics carry a stored version counter (If-Match on update uses it). Every other resource is mapped from several
/// records, so its version is a digest of the resource as served: it changes exactly when what a client reads changes, and
/// needs no column on every table. Tactus keeps the current state only (each change is in the audit trail), so vread of
/// the current version answers and an earlier one is 404, saying so.
/// </summary>
public static class FhirVersions
{
    /// <summary>
    /// Turns <c>/fhir/{type}/{id}/_history[/{version}]</c> into the read of <c>/fhir/{type}/{id}</c> before routing, so each
    /// type's one read (with its scoping, scopes and audit) serves vread and history too; <see cref="FhirVersionFilter"/>
    /// answers from that read.
    /// </summary>
    public static IApplicationBuilder UseFhirHistory(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/fhir", out var rest)
            && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var type, var id, "_history", .. var version]
            && version.Length <= 1 && type is not "Binary" && char.IsAsciiLetterUpper(type[0]) && !id.StartsWith('$'))
        {
            context.Features.Set(new FhirHistoryRequest(version.Length == 1 ? version[0] : null));
            context.Request.Path = $"/fhir/{type}/{id}";
        }

        return next(context);
    });

    /// <summary>The resource's version, given it when it has none: the first 16 hex digits of SHA-256 over its JSON.</summary>
    public static string Stamp(Resource resource)
    {
        if (resource.Meta?.VersionId is { Length: > 0 } kept)
        {
            return kept;
        }

        var digest = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(resource, FhirResult.Compact));
        var version = Convert.ToHexStringLower(digest.AsSpan(0, 8));
        (resource.Meta ??= new Meta()).VersionId = version;
        return version;
    }

    /// <summary>Whether the client's <c>If-None-Match</c> names this version, weak or strong, or is <c>*</c>.</summary>
    public static bool Matches(HttpRequest request, string version) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(tag => tag == EntityTagHeaderValue.Any || tag.Tag.AsSpan().Trim('"').SequenceEqual(version));

    /// <summary>An instance history of the one version kept: created when it is version 1 of a counter, otherwise its current state.</summary>
    public static Bundle History(HttpRequest request, Resource resource)
    {
        var created = resource.Meta?.VersionId == "1";
        var history = new Bundle { Type = Bundle.BundleType.History, Total = 1 };
        history.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{request.Scheme}://{request.Host}/fhir/{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Request = new Bundle.RequestComponent
            {
                Method = created ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT,
                Url = created ? resource.TypeName : $"{resource.TypeName}/{resource.Id}",
            },
            Response = new Bundle.ResponseComponent { Status = created ? "201" : "200", LastModified = resource.Meta?.LastUpdated },
        });
        return history;
    }
}

/// <summary>
/// After a read: the version on the resource and in <c>ETag</c>, <c>Last-Modified</c>, 304 for a matching
/// <c>If-None-Match</c>, and the vread or history asked for through <see cref="FhirVersions.UseFhirHistory"/>.
/// </summary>
public sealed class FhirVersionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var asked = http.Features.Get<FhirHistoryRequest>();
        var isRead = http.GetEndpoint()?.Metadata.GetMetadata<FhirInteraction>() is { Permission: FhirPermission.Read };
        if (result is not FhirResult { Status: StatusCodes.Status200OK, Resource: var resource } || !isRead
            || resource is Bundle or OperationOutcome or Binary)
        {
            // A failed read answers as it is; a route that is not a read has no history to give.
            return asked is not null && result is not FhirResult { Resource: OperationOutcome }
                ? FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "This FHIR interaction is not supported (see /fhir/metadata).")
                : result;
        }

        var version = FhirVersions.Stamp(resource);
        if (asked is { Version: null })
        {
            return FhirApi.Resource(FhirVersions.History(http.Request, resource));
        }

        if (asked is { Version: { } wanted } && wanted != version)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
                $"{resource.TypeName}/{resource.Id} version {wanted} is not kept; Tactus keeps the current version ({version}).");
        }

        http.Response.Headers.ETag = $"W/\"{version}\"";
        if (resource.Meta?.LastUpdated is { } lastUpdated)
        {
            http.Response.Headers.LastModified = lastUpdated.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        return asked is null && FhirVersions.Matches(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : result;
    }
}
