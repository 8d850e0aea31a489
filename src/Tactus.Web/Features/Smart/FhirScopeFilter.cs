using Hl7.Fhir.Model;
using OpenIddict.Abstractions;
using Tactus.Web.Features.Fhir;

namespace Tactus.Web.Features.Smart;

/// <summary>The FHIR interaction an endpoint performs, for the scope check.</summary>
public sealed record FhirInteraction(string ResourceType, FhirPermission Permission);

/// <summary>A token launched for one patient with only patient-level scopes: the request may touch that patient alone.</summary>
public sealed record FhirPatientContext(Guid PatientId);

/// <summary>
/// Narrows a bearer token to its SMART scopes (App Launch 2.0 §3.3), after the role and relationship checks a session
/// has already passed: a user/ or system/ scope allows the interaction across what the person may see; a patient/ scope
/// only on the launch patient; no scope, no access (403 insufficient_scope). A Tactus session (cookie) is not an app and
/// is not narrowed.
/// </summary>
public sealed class FhirScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<FhirInteraction>() is not { } interaction || !IsBearer(http.Request))
        {
            return await next(context);
        }

        var scopes = SmartScopes.Clinical(http.User.GetScopes());
        if (SmartScopes.Allows(scopes, interaction.ResourceType, interaction.Permission, ScopeContext.User, ScopeContext.System))
        {
            return await next(context);
        }

        if (SmartScopes.Allows(scopes, interaction.ResourceType, interaction.Permission, ScopeContext.Patient)
            && SmartPrincipal.LaunchPatient(http.User) is { } patient)
        {
            http.Features.Set(new FhirPatientContext(patient));
            return await next(context);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\", error_description=\"The token's scopes do not allow this.\"";
        return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
            $"The app's token does not allow {interaction.Permission.ToString().ToLowerInvariant()} on {interaction.ResourceType}.");
    }

    /// <summary>
    /// For an interaction a route does not name alone (each entry of a transaction): whether the caller's token allows it.
    /// A session is not narrowed; a patient-level scope allows it only on the launch patient, which the entry checks.
    /// </summary>
    public static bool Permits(HttpContext http, string resourceType, FhirPermission permission) =>
        !IsBearer(http.Request) || SmartScopes.Allows(SmartScopes.Clinical(http.User.GetScopes()), resourceType, permission,
            SmartPrincipal.LaunchPatient(http.User) is null ? [ScopeContext.User, ScopeContext.System] : [ScopeContext.User, ScopeContext.System, ScopeContext.Patient]);

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
