using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Account;

public sealed class LoginWith2faModel(TactusSignInManager signIn, UserManager<TactusUser> users, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Microsoft.AspNetCore.Identity.SignInResult result;
        if (!string.IsNullOrWhiteSpace(RecoveryCode))
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        }
        else if (!string.IsNullOrWhiteSpace(Code))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Trim(), isPersistent: false, rememberClient: false);
        }
        else
        {
            ModelState.AddModelError(string.Empty, "Enter the code from your authenticator app, or a recovery code.");
            return Page();
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        var outcome = result.Succeeded ? AuditOutcomes.Success : result.IsLockedOut ? AuditOutcomes.LockedOut : AuditOutcomes.Failure;
        await audit.RecordForUserAsync(AuditActions.SignIn, outcome, user.OrganizationId, user.Id, user.Email!, role,
            string.IsNullOrWhiteSpace(RecoveryCode) ? "second factor: authenticator" : "second factor: recovery code");

        if (result.Succeeded)
        {
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl, role));
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? "This account is locked after too many failed attempts. Try again in 15 minutes or ask an administrator to unlock it." : "That code is not valid. Codes change every 30 seconds and work once.");
        return Page();
    }
}
