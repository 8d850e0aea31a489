using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tactus.Web.Features.Inbox;

public sealed class IndexModel(InboxQueries inbox) : PageModel
{
    public IReadOnlyList<WorkList> Lists { get; private set; } = [];

    public int Waiting => Lists.Sum(l => l.Count);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lists = await inbox.LoadAsync(cancellationToken);
}
