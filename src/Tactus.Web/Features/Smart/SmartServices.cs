using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// The SMART on FHIR authorisation server (OpenIddict) and the bearer tokens it issues. A token carries the same
/// organisation, user and role claims as a Tactus session, so the one access mechanism (AccessScope and the context's
/// filters) scopes every query a token makes; its SMART scopes can only narrow that further (FhirScopeFilter).
/// </summary>
public static class SmartServices
{
    /// <summary>The scheme that picks, per request, between a bearer token and the Tactus session cookie.</summary>
    public const string SessionOrBearer = "tactus-session-or-bearer";

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(90);

    public static IServiceCollection AddTactusSmart(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<SmartStoreDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks")
                    .SetConfigurationEndpointUris(".well-known/openid-configuration");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow().AllowClientCredentialsFlow();

                // SMART scopes are open-ended (any resource type, any letters): SmartScopes decides which are known, and
                // each app's registration which it may ask for, in the authorisation endpoint.
                options.DisableScopeValidation().IgnoreScopePermissions();
                options.SetAccessTokenLifetime(AccessTokenLifetime).SetRefreshTokenLifetime(RefreshTokenLifetime);

                // SMART Backend Services (and RFC 7523 §2.2) clients sign their client assertion with the header typ "JWT" and the
                // token endpoint as its audience;
                // OpenIddict 7 accepts only draft-ietf-oauth-rfc7523bis's "client-authentication+jwt". Accept both for client
                // assertions alone: the signature, issuer, audience, expiry and the app's registered keys are still checked.
                options.AddEventHandler<OpenIddictServerEvents.ValidateTokenContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (context.ValidTokenTypes.Count == 1 && context.ValidTokenTypes.Contains(OpenIddictConstants.TokenTypeIdentifiers.Private.ClientAssertion)
                            && context.TokenValidationParameters.ValidTypes is { } types)
                        {
                            context.TokenValidationParameters.ValidTypes = [.. types, OpenIddictConstants.JsonWebTokenTypes.GenericJsonWebToken, "application/jwt"];

                            // SMART Backend Services: the assertion's aud is the token endpoint's URL (OpenIddict 7 expects the issuer).
                            if (context.BaseUri is { } baseUri)
                            {
                                context.ValidAudiences.Add(new Uri(baseUri, "connect/token").AbsoluteUri);
                            }
                        }

                        return default;
                    })
                    .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));

                // ...and OpenIddict reads a "JWT" it accepted as an identity token: where only a client assertion is expected
                // (signed with one of the app's own registered keys, so never a token Tactus issued), it is one.
                options.AddEventHandler<OpenIddictServerEvents.ValidateTokenContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (context.ValidTokenTypes.Count == 1 && context.ValidTokenTypes.Contains(OpenIddictConstants.TokenTypeIdentifiers.Private.ClientAssertion)
                            && context.Principal is { } principal && principal.GetTokenType() == OpenIddictConstants.TokenTypeIdentifiers.IdentityToken)
                        {
                            context.Principal = principal.SetTokenType(OpenIddictConstants.TokenTypeIdentifiers.Private.ClientAssertion);
                        }

                        return default;
                    })
                    .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));
                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
                if (!environment.IsProduction())
                {
                    // The quick start and the tests speak plain HTTP on loopback; production sits behind TLS (README).
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();

                // A revoked authorisation (the patient or an administrator removed the app) or token stops working at
                // once, not when the access token would have expired: each request checks its entry (one indexed read).
                options.EnableAuthorizationEntryValidation();
                options.EnableTokenEntryValidation();
            });
        services.ConfigureOptions<ServerKeyOptions>();

        services.AddAuthentication().AddPolicyScheme(SessionOrBearer, "Tactus session or SMART bearer token", options =>
        {
            options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme;
        });
        services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(options =>
        {
            options.DefaultAuthenticateScheme = SessionOrBearer;
            options.DefaultChallengeScheme = SessionOrBearer;
            options.DefaultForbidScheme = SessionOrBearer;
        });
        return services;
    }
}
