namespace Tactus.Web.Web;

/// <summary>
/// Headers on every dynamic response: nothing with patient data is cached on a device (SR-19),
/// scripts and styles only from our own origin with no inline code (SR-25), no framing.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'{0}; frame-ancestors 'none'";

    private const string FormTargetItem = "tactus:form-action";

    /// <summary>
    /// Lets this page's form lead to one other origin. A browser applies form-action to where a submission is redirected
    /// too, so the SMART consent form, whose answer redirects to the app, needs the app's registered origin; nothing
    /// else does.
    /// </summary>
    public static void AllowFormRedirectTo(HttpContext context, Uri target) =>
        context.Items[FormTargetItem] = target.GetLeftPart(UriPartial.Authority);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, ContentSecurityPolicy,
                context.Items[FormTargetItem] is string origin ? " " + origin : "");
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
