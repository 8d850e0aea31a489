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

    private static async Task<IResult> ExchangeAsync(HttpContext http, UserManager<TactusUser> users, SmartApps apps,
        IOpenIddictApplicationManager applications, IUserClaimsPrincipalFactory<TactusUser> sessions)
    {
        var request = http.GetOpenIddictServerRequest();
        if (request?.IsClientCredentialsGrantType() == true)
        {
            return await BackendServiceAsync(request, apps, applications, sessions);
        }

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

    /// <summary>
    /// SMART Backend Services (client credentials; OpenIddict has already checked the app's signed client assertion
    /// against its registered keys): a short-lived token for the app's service account, with the system scopes asked for.
    /// </summary>
    private static async Task<IResult> BackendServiceAsync(OpenIddictRequest request, SmartApps apps, IOpenIddictApplicationManager applications,
        IUserClaimsPrincipalFactory<TactusUser> sessions)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!);
        var account = application is null ? null : await apps.ServiceAccountOfAsync(application);
        if (application is null || account is null)
        {
            return Refuse(Errors.UnauthorizedClient, "This client is not registered as a backend service.");
        }

        var scopes = request.GetScopes();
        if (scopes.IsEmpty || scopes.Any(s => SmartScopes.Parse(s) is not { Context: ScopeContext.System }))
        {
            return Refuse(Errors.InvalidScope, "A backend service asks for system/ scopes only, and at least one.");
        }

        if ((await apps.NotAllowedAsync(application, scopes)) is { Count: > 0 } notAllowed)
        {
            return Refuse(Errors.InvalidScope, $"The app is not registered for: {string.Join(", ", notAllowed)}.");
        }

        var principal = await SmartPrincipal.CreateAsync(account, sessions, scopes, launchPatient: null);
        principal.SetAccessTokenLifetime(BackendTokenLifetime);
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>SMART Backend Services recommends access tokens of five minutes or less; the app asks again with a new assertion.</summary>
    public static readonly TimeSpan BackendTokenLifetime = TimeSpan.FromMinutes(5);

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
