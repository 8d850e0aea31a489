using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Patients;

/// <summary>
/// Merges a duplicate patient record into the one kept: every row about the duplicate (referrals, screening, plans,
/// visits, questionnaires, coverage, claims, statements…) moves to the kept record in one transaction, care-team
/// memberships and balances are combined, the duplicate is marked merged, and the merge is recorded and audited.
/// Administrators only.
/// </summary>
public sealed class PatientMergeWorkflow(TactusDbContext db, AccessScope scope, TimeProvider time)
{
    public async Task<PatientMerge?> MergeAsync(Guid keepId, Guid duplicateId, string? reason, CancellationToken cancellationToken)
    {
        if (scope.Role != Roles.Administrator || scope.UserId is not { } userId)
        {
            throw new DomainRuleException("forbidden", "Only an administrator merges patient records.", 403);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("reason-required", "Say why these records are the same person (e.g. same name, birth date and phone).", StatusCodes.Status422UnprocessableEntity);
        }

        if (keepId == duplicateId)
        {
            throw new DomainRuleException("same-record", "Choose two different records.", StatusCodes.Status422UnprocessableEntity);
        }

        var keep = await db.Patients.SingleOrDefaultAsync(p => p.Id == keepId, cancellationToken);
        var duplicate = await db.Patients.Include(p => p.CareTeam).SingleOrDefaultAsync(p => p.Id == duplicateId, cancellationToken);
        if (keep is null || duplicate is null)
        {
            return null;
        }

        if (keep.MergedIntoId is not null || duplicate.MergedIntoId is not null)
        {
            throw new DomainRuleException("already-merged", "One of these records was already merged into another.");
        }

        var now = time.GetStorageNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await CombineCareTeamsAsync(keep, duplicate, now, cancellationToken) + await CombineAccountsAsync(keep.Id, duplicate.Id, now, cancellationToken);
        foreach (var type in db.Model.GetEntityTypes().Select(t => t.ClrType).Where(MovesWithThePatient))
        {
            moved += await (Task<int>)typeof(PatientMergeWorkflow).GetMethod(nameof(MoveAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type).Invoke(this, [duplicate.Id, keep.Id, cancellationToken])!;
        }

        duplicate.MergedIntoId = keep.Id;
        duplicate.MergedAt = now;
        var merge = new PatientMerge
        {
            OrganizationId = keep.OrganizationId, PatientId = keep.Id, DuplicateId = duplicate.Id, DuplicateMrn = duplicate.Mrn, Reason = reason.Trim(),
            RowsMoved = moved, MergedById = userId, MergedAt = now,
        };
        db.PatientMerges.Add(merge);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return merge;
    }

    /// <summary>Every kind of row about a patient moves, except the ones combined by hand and the merge history itself.</summary>
    private static bool MovesWithThePatient(Type type) =>
        typeof(IPatientData).IsAssignableFrom(type) && type != typeof(Patient) && type != typeof(CareTeamMember)
        && type != typeof(Statements.PatientAccount) && type != typeof(PatientMerge);

    private async Task<int> MoveAsync<T>(Guid from, Guid to, CancellationToken cancellationToken)
        where T : class =>
        await db.Set<T>().Where(e => EF.Property<Guid>(e, nameof(IPatientData.PatientId)) == from)
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<Guid>(e, nameof(IPatientData.PatientId)), to), cancellationToken);

    /// <summary>The kept record's care team gains the duplicate's members it did not have.</summary>
    private async Task<int> CombineCareTeamsAsync(Patient keep, Patient duplicate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.CareTeamMembers.Where(m => m.PatientId == keep.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var member in duplicate.CareTeam.Where(m => !existing.Contains(m.UserId)))
        {
            db.CareTeamMembers.Add(new CareTeamMember { OrganizationId = keep.OrganizationId, PatientId = keep.Id, UserId = member.UserId, Role = member.Role, AddedAt = now });
            added++;
        }

        return added;
    }

    /// <summary>The duplicate's balance joins the kept record's account.</summary>
    private async Task<int> CombineAccountsAsync(Guid keepId, Guid duplicateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accounts = await db.PatientAccounts.Where(a => a.PatientId == keepId || a.PatientId == duplicateId).ToListAsync(cancellationToken);
        if (accounts.FirstOrDefault(a => a.PatientId == duplicateId) is not { } from)
        {
            return 0;
        }

        if (accounts.FirstOrDefault(a => a.PatientId == keepId) is { } into)
        {
            into.Add(from.Balance, now);
        }
        else
        {
            var created = new Statements.PatientAccount { OrganizationId = from.OrganizationId, PatientId = keepId };
            created.Add(from.Balance, now);
            db.PatientAccounts.Add(created);
        }

        from.Add(-from.Balance, now);
        return 1;
    }
}
