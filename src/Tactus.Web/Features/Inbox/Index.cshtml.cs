using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tactus.Web.Features.Inbox;

public sealed class IndexModel(InboxQueries inbox) : PageModel
{
    public InboxQueries.Contents Contents { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Contents = await inbox.LoadAsync(cancellationToken);
}
