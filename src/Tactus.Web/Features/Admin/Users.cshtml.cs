using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Admin;

/// <summary>The organisation's accounts; the user query filter keeps other organisations' people out.</summary>
public sealed class UsersModel(TactusDbContext db, UserManager<TactusUser> users, AuditLog audit, TimeProvider time) : PageModel
{
    public sealed record UserRow(Guid Id, string DisplayName, string Email, string Role, bool TwoFactorEnabled, DateTimeOffset? LockedUntil);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Users.OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.TwoFactorEnabled, u.LockoutEnd,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Users = rows.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.Role ?? "", u.TwoFactorEnabled,
            u.LockoutEnd > now ? u.LockoutEnd : null)).ToList();
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id) is not { } user)
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditActions.AccountUnlocked, AuditOutcomes.Success, "User", user.Id.ToString());
        TempData["Flash"] = $"{user.DisplayName} can sign in again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetMfaAsync(Guid id)
    {
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id) is not { } user)
        {
            return NotFound();
        }

        // Lost phone: the person enrols a new authenticator at their next sign-in; old sessions end.
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.MfaReset, AuditOutcomes.Success, "User", user.Id.ToString());
        TempData["Flash"] = $"Two-step sign-in was reset for {user.DisplayName}.";
        return RedirectToPage();
    }
}
