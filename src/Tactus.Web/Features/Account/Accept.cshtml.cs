using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Account;

/// <summary>
/// An invitation's link (issue 13 §5): the invited person chooses their password here. The link works once (the
/// password replaces the security stamp it is bound to) and for seven days; two-step sign-in is then set up at the
/// first sign-in wherever the organisation requires it.
/// </summary>
public sealed class AcceptModel(UserManager<TactusUser> users, TactusDbContext db, AuditLog audit) : PageModel
{
    [BindProperty(Name = "user", SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public string? Email { get; private set; }

    public bool Usable { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Page();
        }

        if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The two passwords differ.");
            return Page();
        }

        var result = await users.AddPasswordAsync(user, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        user.EmailConfirmed = true;
        await users.UpdateSecurityStampAsync(user); // the link is spent
        await audit.RecordAsync(AuditActions.InvitationAccepted, AuditOutcomes.Success, "User", user.Id.ToString());
        TempData["Flash"] = "Your password is set. Sign in with your e-mail address and it.";
        return Redirect("/Account/Login");
    }

    private async Task<TactusUser?> LoadAsync()
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == UserId);
        Usable = user is { PasswordHash: null, DeactivatedAt: null } && Token.Length > 0
            && await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, Token);
        Email = Usable ? user!.Email : null;
        return Usable ? user : null;
    }
}
