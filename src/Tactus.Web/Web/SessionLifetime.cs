using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Web;

/// <summary>
/// Session rules enforced by the server, not the browser (SR-11; ONC §170.315(d)(5)): the cookie
/// expires after the idle time-out, and no session outlives the absolute limit however active it is.
/// </summary>
public static class SessionLifetime
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var configuration = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>();
        var absolute = TimeSpan.FromHours(configuration.GetValue("Security:AbsoluteTimeoutHours", 12));
        var authenticatedAt = context.Principal?.FindFirstValue(TactusClaims.AuthenticatedAt);
        if (!long.TryParse(authenticatedAt, CultureInfo.InvariantCulture, out var seconds)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStampCheck>();
        var interval = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
        if (context.Properties.IssuedUtc is { } issued && time.GetUtcNow() - issued <= interval
            && !(context.Principal is { } principal && stamps.IsKnownStale(principal)))
        {
            return;
        }

        if (context.Principal is null || !await stamps.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>API clients get a status code; people get the sign-in or access-denied page.</summary>
    public static Func<RedirectContext<CookieAuthenticationOptions>, Task> ChallengeOrRedirect(int apiStatus) => context =>
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fhir"))
        {
            context.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
}
