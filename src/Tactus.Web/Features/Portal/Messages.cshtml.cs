using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Portal;

/// <summary>The patient's secure messages with their care team, with the crisis line beside them (issue 13 §4).</summary>
public sealed class MessagesModel(CareMessages messages, AccessScope scope) : PageModel, IRedisplayablePage
{
    public IReadOnlyList<CareMessage> Thread { get; private set; } = [];

    [BindProperty]
    public string? Body { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await messages.PatientReadAsync(cancellationToken);
        await ReloadForRedisplayAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await messages.SendFromPatientAsync(Body, cancellationToken);
        TempData["Flash"] = "Your message is sent. Your care team answers here, usually within two working days.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        Thread = await messages.ThreadAsync(scope.PatientId ?? Guid.Empty, cancellationToken);
        return true;
    }
}
