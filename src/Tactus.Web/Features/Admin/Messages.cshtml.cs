using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Messages;

namespace Tactus.Web.Features.Admin;

/// <summary>
/// What Tactus sent and failed to send (issue 13 §2): the administrator sees each message's kind, recipient, state,
/// attempts and last error, newest first; the failed ones first of all, as they need someone.
/// </summary>
public sealed class MessagesModel(TactusDbContext db, IEmailSender email, AccessScope scope) : PageModel, IRedisplayablePage
{
    public const int PageSize = 100;

    public IReadOnlyList<OutboxMessage> Failed { get; private set; } = [];
    public IReadOnlyList<OutboxMessage> Recent { get; private set; } = [];
    public bool EmailConfigured => email.Configured;

    /// <summary>The organisation's own wording, by kind (none: Tactus's own).</summary>
    public IReadOnlyDictionary<string, MessageTemplate> Templates { get; private set; } = new Dictionary<string, MessageTemplate>();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Saves the organisation's wording for one kind of message; empty subject and body go back to Tactus's own.</summary>
    public async Task<IActionResult> OnPostWordingAsync(string kind, string? subject, string? body, CancellationToken cancellationToken)
    {
        var existing = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Kind == kind, cancellationToken);
        if (string.IsNullOrWhiteSpace(subject) && string.IsNullOrWhiteSpace(body))
        {
            if (existing is not null)
            {
                db.MessageTemplates.Remove(existing);
            }
        }
        else if (MessageTemplate.Problem(kind, subject, body) is { } problem)
        {
            throw new DomainRuleException("template-invalid", problem, StatusCodes.Status422UnprocessableEntity);
        }
        else if (existing is null)
        {
            db.MessageTemplates.Add(new MessageTemplate
            {
                OrganizationId = scope.OrganizationId ?? throw new DomainRuleException("forbidden", "Sign in as a member of an organisation.", 403),
                Kind = kind, Subject = subject!.Trim(), Body = body!.Trim(),
            });
        }
        else
        {
            existing.Reword(subject!, body!);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "The wording is saved; messages written from now on use it.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Templates = await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Kind, cancellationToken);
        Failed = await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt).Take(PageSize).ToListAsync(cancellationToken);
        Recent = await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt == null).OrderByDescending(m => m.CreatedAt).Take(PageSize).ToListAsync(cancellationToken);
    }

    public static string State(OutboxMessage m) => m.SentAt is not null ? "sent" : m.FailedAt is not null ? "failed" : m.Attempts > 0 ? $"waiting to retry ({m.Attempts} attempts)" : "waiting";
}
