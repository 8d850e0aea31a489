using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// Lets a test see the audit chains as they stood when a response began. The probe wraps the whole pipeline, so its
/// OnStarting callback runs after every inner one (ASP.NET Core runs them last-registered first) and immediately
/// before the status line and headers are sent: a read the product audits only after the response has started is
/// not yet in the chain at that moment. Only requests carrying <see cref="Header"/> are probed.
/// </summary>
public sealed class ResponseStartProbe : IStartupFilter
{
    public const string Header = "X-Test-Audit-Sequence-At-Response-Start";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.ContainsKey(Header))
            {
                context.Response.OnStarting(async () =>
                {
                    await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("tests");
                    var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
                    var heads = await db.AuditChainHeads.AsNoTracking().Select(h => new { h.ChainId, h.LastSequence }).ToListAsync();
                    context.Response.Headers[Header] = AuditMark.Of(heads.Select(h => (h.ChainId, h.LastSequence))).Positions;
                });
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
