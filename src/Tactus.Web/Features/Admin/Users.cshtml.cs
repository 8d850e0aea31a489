using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Admin;

/// <summary>
/// The organisation's accounts (issue 13 §5): invite, change role, deactivate and reactivate, unlock, reset two-step
/// sign-in with a reason. The user query filter keeps other organisations' people out; the work is StaffAccounts'.
/// </summary>
public sealed class UsersModel(TactusDbContext db, UserManager<TactusUser> users, StaffAccounts accounts, AuditLog audit, TimeProvider time) : PageModel
{
    public sealed record UserRow(Guid Id, string DisplayName, string Email, string Role, bool TwoFactorEnabled, DateTimeOffset? LockedUntil,
        bool Invited, DateTimeOffset? DeactivatedAt);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    [BindProperty]
    public string? InviteName { get; set; }

    [BindProperty]
    public string? InviteEmail { get; set; }

    [BindProperty]
    public string? InviteRole { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var invited = await accounts.InviteStaffAsync(InviteName, InviteEmail, InviteRole, cancellationToken);
        return $"{invited.DisplayName} is invited; the e-mail to {invited.Email} lets them choose a password within 7 days.";
    }, nameof(InviteEmail), cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(Guid id, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        await accounts.ChangeRoleAsync(id, Role, cancellationToken);
        return $"The role is now {Access.Roles.DisplayName(Role!)}; the person's sessions have ended.";
    }, nameof(Role), cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        await accounts.DeactivateAsync(id, Reason, cancellationToken);
        return "The account is deactivated and its sessions have ended.";
    }, nameof(Reason), cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        await accounts.ReactivateAsync(id, cancellationToken);
        return "The account can sign in again.";
    }, nameof(Reason), cancellationToken);

    public Task<IActionResult> OnPostResetMfaAsync(Guid id, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        await accounts.ResetMfaAsync(id, Reason, cancellationToken);
        return "Two-step sign-in was reset; the person sets it up again at their next sign-in.";
    }, nameof(Reason), cancellationToken);

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

    /// <summary>Does the work; a refusal is shown on the page beside the field it concerns, and nothing changed.</summary>
    private async Task<IActionResult> ActAsync(Func<Task<string>> work, string field, CancellationToken cancellationToken)
    {
        try
        {
            TempData["Flash"] = await work();
            return RedirectToPage();
        }
        catch (DomainRuleException refused) when (refused.StatusCode != StatusCodes.Status404NotFound)
        {
            ModelState.AddModelError(field, refused.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }
        catch (DomainRuleException)
        {
            return NotFound();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Users.OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.TwoFactorEnabled, u.LockoutEnd, Invited = u.PasswordHash == null, u.DeactivatedAt,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Users = rows.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.Role ?? "", u.TwoFactorEnabled,
            u.LockoutEnd > now ? u.LockoutEnd : null, u.Invited, u.DeactivatedAt)).ToList();
    }
}
