using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Web;

/// <summary>A page that can load again what it shows, so a refused form can be shown with the reason.</summary>
public interface IRedisplayablePage
{
    /// <summary>Reloads the page's data; false when the record is gone or out of reach (the page answers 404).</summary>
    Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The one place that turns a broken business rule (or a stale edit) into a form error for pages
/// (STYLE.md rule 3): the message goes to the page's error summary and the form is shown again with
/// what the person typed, reloaded from the store so nothing half-applied is displayed.
/// </summary>
public sealed class DomainRulePageFilter : IAsyncPageFilter
{
    public const string StaleEdit = "Someone else saved this record while you were editing. Reload it and apply your change again.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || context.HandlerInstance is not PageModel page
            || executed.Exception is not (DomainRuleException or DbUpdateConcurrencyException))
        {
            return;
        }

        executed.ExceptionHandled = true;
        page.ModelState.AddModelError(string.Empty, executed.Exception is DomainRuleException rule ? rule.Message : StaleEdit);
        context.HttpContext.RequestServices.GetRequiredService<TactusDbContext>().ChangeTracker.Clear();
        var found = page is not IRedisplayablePage redisplayable
            || await redisplayable.ReloadForRedisplayAsync(context.HttpContext.RequestAborted);
        executed.Result = found ? page.Page() : page.NotFound();
    }
}
