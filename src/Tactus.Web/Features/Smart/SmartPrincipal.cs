using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcClaims = OpenIddict.Abstractions.OpenIddictConstants.Claims;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// The principal a token carries: the person's session claims as the sign-in would make them (TactusClaimsFactory:
/// organisation, role, patient link), so AccessScope reads a token exactly as it reads a session, plus the granted
/// scopes and the launch context.
/// </summary>
public static class SmartPrincipal
{
    /// <summary>The patient an app was launched for (SMART "patient" launch context), as a token claim.</summary>
    public const string LaunchPatientClaim = "tactus:launch_patient";

    /// <param name="practitionerId">The person's Practitioner record, when they have one: their fhirUser.</param>
    public static async Task<ClaimsPrincipal> CreateAsync(TactusUser user, IUserClaimsPrincipalFactory<TactusUser> sessions,
        IEnumerable<string> scopes, Guid? launchPatient, Guid? practitionerId = null)
    {
        var session = await sessions.CreateAsync(user);
        var identity = new ClaimsIdentity(session.Claims, "smart", ClaimTypes.Name, ClaimTypes.Role);
        identity.SetClaim(OidcClaims.Subject, user.Id.ToString());
        identity.SetClaim(OidcClaims.Name, user.DisplayName);
        foreach (var role in session.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList())
        {
            identity.AddClaim(new Claim(OidcClaims.Role, role)); // what IsInRole reads once OpenIddict has validated the token
        }

        if (FhirUser(user, session, practitionerId) is { } fhirUser)
        {
            identity.SetClaim("fhirUser", fhirUser);
        }

        if (launchPatient is { } patientId)
        {
            identity.SetClaim(LaunchPatientClaim, patientId.ToString());
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetDestinations(claim => DestinationsOf(claim, principal));
        return principal;
    }

    /// <summary>The launch patient of a validated token, if it has one.</summary>
    public static Guid? LaunchPatient(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(LaunchPatientClaim), out var id) ? id : null;

    /// <summary>
    /// SMART's fhirUser: a patient is their own Patient resource, a practitioner their Practitioner; staff without a
    /// Practitioner record (a manager, an administrator) have no FHIR resource of their own, and no fhirUser.
    /// </summary>
    private static string? FhirUser(TactusUser user, ClaimsPrincipal session, Guid? practitionerId) =>
        user.PatientId is { } patientId && session.HasClaim(ClaimTypes.Role, Roles.Patient) ? $"Patient/{patientId}"
        : practitionerId is { } id ? $"Practitioner/{id}" : null;

    /// <summary>
    /// Every claim goes into the access token (read only by Tactus: OpenIddict encrypts it); the identity token carries
    /// only who the person is, and only when the app asked for openid (and fhirUser for the FHIR resource).
    /// </summary>
    private static IEnumerable<string> DestinationsOf(Claim claim, ClaimsPrincipal principal)
    {
        yield return Destinations.AccessToken;
        if (!principal.HasScope(SmartScopes.OpenId))
        {
            yield break;
        }

        if (claim.Type is OidcClaims.Subject || (claim.Type is OidcClaims.Name && principal.HasScope("profile"))
            || (claim.Type == "fhirUser" && principal.HasScope(SmartScopes.FhirUser)))
        {
            yield return Destinations.IdentityToken;
        }
    }
}
