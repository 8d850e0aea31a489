using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Audit;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Account;

public sealed class LoginModel(TactusSignInManager signIn, UserManager<TactusUser> users, AuditLog audit) : PageModel
{
    /// <summary>The same words for an unknown email and a wrong password, so accounts cannot be enumerated (SR-08).</summary>
    public const string InvalidCredentials = "The email or password is not correct.";


    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email.")]
        [StringLength(254)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256)]
        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Spend the same hashing time as for a real account.
            users.PasswordHasher.VerifyHashedPassword(null!, DummyHash.Value(users), Input.Password);
            await audit.RecordForUserAsync(AuditActions.SignIn, AuditOutcomes.Failure, null, null, Input.Email.Trim(), null,
                "unknown account");
            ModelState.AddModelError(string.Empty, InvalidCredentials);
            return Page();
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        var lockedBefore = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result.Succeeded ? AuditOutcomes.Success
            : result.IsLockedOut ? AuditOutcomes.LockedOut
            : result is MfaEnrolmentRequiredResult || result.RequiresTwoFactor ? AuditOutcomes.Success
            : AuditOutcomes.Failure;
        var detail = result.RequiresTwoFactor ? "password accepted; second factor required"
            : result is MfaEnrolmentRequiredResult ? "password accepted; MFA enrolment required" : null;
        await audit.RecordForUserAsync(AuditActions.SignIn, outcome, user.OrganizationId, user.Id, user.Email!, role, detail);

        if (result is MfaEnrolmentRequiredResult)
        {
            return RedirectToPage("/Account/EnrolMfa", new { ReturnUrl });
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            // A locked account answers exactly as a wrong password does, in words and in time (Identity refuses a locked
            // account before hashing anything): otherwise lockout would tell an attacker which addresses have accounts.
            if (lockedBefore)
            {
                users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash.Value(users), Input.Password);
            }

            ModelState.AddModelError(string.Empty, InvalidCredentials);
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, InvalidCredentials);
            return Page();
        }

        return LocalRedirect(SafeReturnUrl(ReturnUrl, role));
    }

    /// <summary>Only local paths are followed after sign-in (no open redirect, SCS0027).</summary>
    public static string SafeReturnUrl(string? returnUrl, string? role) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && returnUrl != "/"
            ? returnUrl
            : RoleHome.PathFor(role);
}
