using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Tactus.Web.Features.Account;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcClaims = OpenIddict.Abstractions.OpenIddictConstants.Claims;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// SMART discovery and the token endpoint. OpenIddict checks the grant (PKCE, client, code or refresh token, expiry);
/// this endpoint then checks that the person may still sign in, so a locked account or a changed password stops an
/// app at its next refresh.
/// </summary>
public static class SmartApi
{
    public static IEndpointRouteBuilder MapSmartApi(this IEndpointRouteBuilder app)
    {
        // SMART App Launch 2.0 §2.0.3: discovery lives under the FHIR base URL; served at the root too for clients that look there.
        app.MapGet("/fhir/.well-known/smart-configuration", SmartConfiguration.Get).AllowAnonymous();
        app.MapGet("/.well-known/smart-configuration", SmartConfiguration.Get).AllowAnonymous();
        app.MapPost("/connect/token", ExchangeAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, UserManager<TactusUser> users)
    {
        var request = http.GetOpenIddictServerRequest();
        if (request is null || !(request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType()))
        {
            return Refuse(Errors.UnsupportedGrantType, "This grant type is not offered.");
        }

        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = principal?.GetClaim(OidcClaims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (principal is null || user is null || await users.IsLockedOutAsync(user)
            || principal!.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return Refuse(Errors.InvalidGrant, "The account can no longer sign in, or its password or role changed: authorise the app again.");
        }

        var properties = new AuthenticationProperties();
        if (SmartPrincipal.LaunchPatient(principal!) is { } patient)
        {
            // The launch context (App Launch 2.0 §2.0.6 "patient") beside the access token.
            properties.Parameters["patient"] = patient.ToString();
        }

        return Results.SignIn(principal!, properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
