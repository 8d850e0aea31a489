using Tactus.Web.Web;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// SR-11 for apps: a password, role or MFA change replaces the account's security stamp, and a token issued before it
/// stops working within the same minute a session would (SecurityStampCheck, cached per account), not only at its next
/// refresh. Runs after authentication, before authorisation, for bearer requests only.
/// </summary>
public static class BearerStampCheck
{
    public static IApplicationBuilder UseBearerStampCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (FhirScopeFilter.IsBearer(context.Request) && context.User.Identity?.IsAuthenticated == true
            && !await context.RequestServices.GetRequiredService<SecurityStampCheck>().IsCurrentAsync(context.User, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate =
                "Bearer error=\"invalid_token\", error_description=\"The account's password, role or sign-in settings changed: authorise the app again.\"";
            return;
        }

        await next(context);
    });
}
