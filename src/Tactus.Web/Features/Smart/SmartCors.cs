namespace Tactus.Web.Features.Smart;

/// <summary>
/// Cross-origin access for SMART apps that run in a browser (App Launch 2.0 "client-public"): such an app reads the
/// SMART configuration, trades its code at the token endpoint and calls /fhir from its own origin. Any origin may, as
/// registration decides who gets a token, not CORS; credentials (cookies) are never allowed cross-origin, so a page
/// elsewhere cannot ride a person's Tactus session: only a bearer token opens data.
/// </summary>
public static class SmartCors
{
    public const string Policy = "smart-apps";

    public static IServiceCollection AddSmartCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddPolicy(Policy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithExposedHeaders("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate", "Retry-After", "X-Progress")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

    /// <summary>The FHIR API (with its .well-known) and the token, revocation and introspection endpoints; never the pages.</summary>
    public static bool Applies(PathString path) =>
        path.StartsWithSegments("/fhir") || path.StartsWithSegments("/connect/token") || path.StartsWithSegments("/connect/revoke")
        || path.StartsWithSegments("/connect/introspect");
}
