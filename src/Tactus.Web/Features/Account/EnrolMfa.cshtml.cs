using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Account;

/// <summary>
/// Reached only with the enrolment cookie a correct password earns when MFA is mandatory; the full
/// session is issued here, after the first authenticator code is confirmed.
/// </summary>
public sealed class EnrolMfaModel(
    TactusSignInManager signIn, UserManager<TactusUser> users, AuthenticatorSetup setup, AuditLog audit) : PageModel
{
    public AuthenticatorSetup.Display Setup { get; private set; } = new("", "");
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string ContinueUrl { get; private set; } = "/";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await EnrollingUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Setup = await setup.PrepareAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await EnrollingUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var codes = await setup.ConfirmAsync(user, Code);
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        if (codes is null)
        {
            await audit.RecordForUserAsync(AuditActions.MfaEnrolled, AuditOutcomes.Failure, user.OrganizationId, user.Id, user.Email!, role);
            ModelState.AddModelError(string.Empty, "That code is not right. Check the time on your phone and enter the newest code.");
            Setup = await setup.PrepareAsync(user);
            return Page();
        }

        await HttpContext.SignOutAsync(MfaEnrolment.Scheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        await audit.RecordForUserAsync(AuditActions.MfaEnrolled, AuditOutcomes.Success, user.OrganizationId, user.Id, user.Email!, role);
        RecoveryCodes = codes;
        ContinueUrl = LoginModel.SafeReturnUrl(ReturnUrl, role);
        return Page();
    }

    private async Task<TactusUser?> EnrollingUserAsync()
    {
        var result = await HttpContext.AuthenticateAsync(MfaEnrolment.Scheme);
        var id = result.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        return result.Succeeded && id is not null ? await users.FindByIdAsync(id) : null;
    }
}
