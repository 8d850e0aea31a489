using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Messages;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Admin;

/// <summary>
/// The administrator's work on accounts (issue 13 §5): invite staff and patients by e-mail (the link sets the password;
/// MFA follows at the first sign-in where the organisation requires it), change a role, deactivate and reactivate,
/// reset MFA with a reason. Each change is one transaction with its e-mail in the outbox, and is audited. A change
/// that affects what a person may do replaces their security stamp, so their other sessions end at once here
/// (SecurityStampCheck) and within the validation interval on any other instance.
/// </summary>
public sealed class StaffAccounts(TactusDbContext db, UserManager<TactusUser> users, AccessScope scope, AuditLog audit, SecurityStampCheck sessions,
    IConfiguration configuration, TimeProvider time)
{
    /// <summary>The roles an administrator gives staff; the patient role comes only with a patient record, from the record.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [.. Roles.All.Where(Roles.IsWorkforce)];

    public async Task<TactusUser> InviteStaffAsync(string? displayName, string? email, string? role, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw Invalid("name-required", "Give the person's name.");
        }

        if (role is null || !StaffRoles.Contains(role))
        {
            throw Invalid("role-unknown", "Choose one of the staff roles.");
        }

        return await InviteAsync(displayName.Trim(), email, role, patientId: null, AccountMessages.StaffInvitation, cancellationToken);
    }

    /// <summary>Invites a patient to the portal from their record, to the e-mail address the record holds.</summary>
    public async Task<TactusUser> InvitePatientAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken)
            ?? throw new DomainRuleException("not-found", "No such patient.", StatusCodes.Status404NotFound);
        if (await db.Users.AnyAsync(u => u.PatientId == patientId, cancellationToken))
        {
            throw new DomainRuleException("already-invited", "This patient already has a portal account.");
        }

        return await InviteAsync(patient.FullName, patient.Email, Roles.Patient, patientId, AccountMessages.PortalInvitation, cancellationToken);
    }

    public async Task ChangeRoleAsync(Guid userId, string? role, CancellationToken cancellationToken)
    {
        var user = await StaffMemberAsync(userId, cancellationToken);
        if (role is null || !StaffRoles.Contains(role))
        {
            throw Invalid("role-unknown", "Choose one of the staff roles.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.SequenceEqual([role]))
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        await EndSessionsAsync(user);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.RoleChanged, AuditOutcomes.Success, "User", user.Id.ToString(), detail: $"{string.Join(",", current)} -> {role}");
    }

    public async Task DeactivateAsync(Guid userId, string? reason, CancellationToken cancellationToken)
    {
        var user = await StaffMemberAsync(userId, cancellationToken, allowPatients: true);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Invalid("reason-required", "Give the reason for deactivating the account.");
        }

        if (user.Id == scope.UserId)
        {
            throw new DomainRuleException("own-account", "You cannot deactivate your own account; ask another administrator.");
        }

        if (user.DeactivatedAt is not null)
        {
            return;
        }

        user.DeactivatedAt = time.GetStorageNow();
        await EndSessionsAsync(user);
        await audit.RecordAsync(AuditActions.AccountDeactivated, AuditOutcomes.Success, "User", user.Id.ToString(), detail: reason.Trim());
    }

    public async Task ReactivateAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await StaffMemberAsync(userId, cancellationToken, allowPatients: true);
        if (user.DeactivatedAt is null)
        {
            return;
        }

        user.DeactivatedAt = null;
        Check(await users.UpdateAsync(user));
        await audit.RecordAsync(AuditActions.AccountReactivated, AuditOutcomes.Success, "User", user.Id.ToString());
    }

    /// <summary>Lost phone: the person enrols a new authenticator at their next sign-in; their sessions end now.</summary>
    public async Task ResetMfaAsync(Guid userId, string? reason, CancellationToken cancellationToken)
    {
        var user = await StaffMemberAsync(userId, cancellationToken, allowPatients: true);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Invalid("reason-required", "Give the reason for resetting two-step sign-in (e.g. how the person's identity was checked).");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await EndSessionsAsync(user);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.MfaReset, AuditOutcomes.Success, "User", user.Id.ToString(), detail: reason.Trim());
    }

    private async Task<TactusUser> InviteAsync(string displayName, string? email, string role, Guid? patientId, string kind, CancellationToken cancellationToken)
    {
        var address = email?.Trim() ?? "";
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            throw Invalid("email-invalid", patientId is null ? "Give a valid e-mail address." : "The patient's record has no valid e-mail address; add one first.");
        }

        // Sign-in names are unique across the installation (one e-mail, one account), not only in this organisation.
        var normalized = users.NormalizeName(address);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized, cancellationToken))
        {
            throw new DomainRuleException("email-taken", "An account with this e-mail address already exists.");
        }

        var organization = await db.Organizations.SingleAsync(o => o.Id == scope.OrganizationId, cancellationToken);
        var user = new TactusUser { OrganizationId = organization.Id, UserName = address, Email = address, DisplayName = displayName, PatientId = patientId };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user)); // no password: only the invitation's link can set one
        Check(await users.AddToRoleAsync(user, role));
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var link = MessageLinks.To(configuration, $"/Account/Accept?user={user.Id}&token={Uri.EscapeDataString(token)}");
        db.OutboxMessages.Add(AccountMessages.Invitation(organization.Id, patientId, kind, address, organization.Name, link, time.GetStorageNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.UserCreated, AuditOutcomes.Success, "User", user.Id.ToString(), patientId, detail: $"invited as {role}");
        return user;
    }

    private async Task<TactusUser> StaffMemberAsync(Guid userId, CancellationToken cancellationToken, bool allowPatients = false)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new DomainRuleException("not-found", "No such account.", StatusCodes.Status404NotFound);
        if (!allowPatients && user.PatientId is not null)
        {
            throw new DomainRuleException("patient-account", "A patient's portal account keeps the patient role.");
        }

        return user;
    }

    /// <summary>Replaces the stamp (saving the account) and tells this instance at once.</summary>
    private async Task EndSessionsAsync(TactusUser user)
    {
        Check(await users.UpdateSecurityStampAsync(user));
        sessions.Replaced(user.Id, user.SecurityStamp!);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw Invalid("account-refused", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static DomainRuleException Invalid(string code, string message) => new(code, message, StatusCodes.Status422UnprocessableEntity);
}
