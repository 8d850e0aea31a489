using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<TactusUser> signIn, UserManager<TactusUser> users, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(AuditActions.SignOut, AuditOutcomes.Success, "User", users.GetUserId(User));
            // A new security stamp ends this session everywhere it might have been copied (SR-11).
            if (await users.GetUserAsync(User) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }
        }

        await signIn.SignOutAsync();
        await HttpContext.SignOutAsync(MfaEnrolment.Scheme);

        // Nothing of the session stays on the device (issue 13 §4; a shared or family phone): pages are never cached
        // (SecurityHeadersMiddleware: no-store), and the browser is told to drop what this origin cached or stored.
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return RedirectToPage("/Account/Logout");
    }
}
