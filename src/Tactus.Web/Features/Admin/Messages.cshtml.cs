using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Messages;

namespace Tactus.Web.Features.Admin;

/// <summary>
/// What Tactus sent and failed to send (issue 13 §2): the administrator sees each message's kind, recipient, state,
/// attempts and last error, newest first; the failed ones first of all, as they need someone.
/// </summary>
public sealed class MessagesModel(TactusDbContext db, IEmailSender email) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<OutboxMessage> Failed { get; private set; } = [];
    public IReadOnlyList<OutboxMessage> Recent { get; private set; } = [];
    public bool EmailConfigured => email.Configured;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Failed = await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt).Take(PageSize).ToListAsync(cancellationToken);
        Recent = await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt == null).OrderByDescending(m => m.CreatedAt).Take(PageSize).ToListAsync(cancellationToken);
    }

    public static string State(OutboxMessage m) => m.SentAt is not null ? "sent" : m.FailedAt is not null ? "failed" : m.Attempts > 0 ? $"waiting to retry ({m.Attempts} attempts)" : "waiting";
}
