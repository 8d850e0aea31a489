namespace Tactus.Web.Web;

/// <summary>
/// Headers on every dynamic response: nothing with patient data is cached on a device (SR-19),
/// scripts and styles only from our own origin with no inline code (SR-25), no framing.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
