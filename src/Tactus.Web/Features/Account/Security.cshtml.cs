using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Account;

public sealed class SecurityModel(UserManager<TactusUser> users, SignInManager<TactusUser> signIn, AuthenticatorSetup setup,
    AuditLog audit) : PageModel
{
    public bool TwoFactorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public AuthenticatorSetup.Display Setup { get; private set; } = new("", "");
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        RecoveryCodes = await setup.ConfirmAsync(user, Code);
        if (RecoveryCodes is null)
        {
            ModelState.AddModelError(string.Empty, "That code is not right. Enter the newest code from the app.");
        }
        else
        {
            await audit.RecordAsync(AuditActions.MfaEnrolled, AuditOutcomes.Success, "User", user.Id.ToString());
            await signIn.RefreshSignInAsync(user);
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList();
            await audit.RecordAsync("mfa-recovery-codes", AuditOutcomes.Success, "User", user.Id.ToString());
        }

        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(TactusUser user)
    {
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (!TwoFactorEnabled)
        {
            Setup = await setup.PrepareAsync(user);
        }
    }
}
