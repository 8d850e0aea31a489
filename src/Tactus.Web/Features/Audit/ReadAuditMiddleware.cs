namespace Tactus.Web.Features.Audit;

/// <summary>
/// Makes each request's reads durable before the response's first byte leaves (OnStarting), and
/// again at the end for anything read later. If the audit cannot be written, the response fails:
/// no patient data leaves unaudited.
/// </summary>
public sealed class ReadAuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ReadAuditBuffer buffer, AuditLog audit)
    {
        context.Response.OnStarting(() => audit.FlushReadsAsync(buffer));
        await next(context);
        await audit.FlushReadsAsync(buffer);
    }
}
