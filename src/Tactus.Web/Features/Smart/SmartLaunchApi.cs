using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Smart;

/// <summary>GET /smart/launch/{clientId}?patient={id}: the EHR launch's first step, from a patient's record (<see cref="SmartLaunch"/>).</summary>
public static class SmartLaunchApi
{
    public static IEndpointRouteBuilder MapSmartLaunch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/smart/launch/{clientId}", LaunchAsync).RequireAuthorization(Policies.ClinicalRecords);
        return app;
    }

    /// <summary>Opens an app for a patient the person may see: 404 for a patient or app outside their organisation.</summary>
    private static async Task<IResult> LaunchAsync(string clientId, string? patient, HttpRequest request, TactusDbContext db, SmartApps apps,
        IOpenIddictApplicationManager applications, SmartLaunch launch, AccessScope scope, AuditLog audit, CancellationToken ct)
    {
        if (!Guid.TryParse(patient, out var patientId) || !await db.Patients.AnyAsync(p => p.Id == patientId && p.MergedIntoId == null, ct)
            || await applications.FindByClientIdAsync(clientId, ct) is not { } application
            || await apps.OrganizationOfAsync(application, ct) != scope.OrganizationId
            || await apps.LaunchUriOfAsync(application, ct) is not { } launchUri)
        {
            return Results.NotFound();
        }

        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var separator = string.IsNullOrEmpty(launchUri.Query) ? "?" : "&";
        await audit.RecordAsync(AuditActions.AppLaunched, AuditOutcomes.Success, "SmartApp", clientId, patientId);
        return Results.Redirect($"{launchUri.AbsoluteUri}{separator}iss={Uri.EscapeDataString(root + "/fhir")}&launch={Uri.EscapeDataString(launch.Issue(scope.UserId!.Value, patientId))}");
    }
}
