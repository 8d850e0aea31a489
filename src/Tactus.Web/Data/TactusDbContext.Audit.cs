using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>
/// Every change of an audited entity is written to the audit chain in the same transaction as
/// the change itself: both commit or neither does (PRODUCT.md "Security"; SR-13).
/// </summary>
public abstract partial class TactusDbContext
{
    /// <summary>
    /// Libraries that save synchronously (the data-protection key store) write nothing audited;
    /// an audited change on this path is refused rather than saved without its audit rows.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        if (CollectChangeAudit().Count > 0)
        {
            throw new NotSupportedException("Audited changes are saved with SaveChangesAsync, which writes their audit entries.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        await Features.Patients.PatientNameWords.SyncAsync(this, cancellationToken);
        if (await Features.Plans.PlanEpisodes.SyncAsync(this, cancellationToken))
        {
            // The closed plans' audit entries are collected below from their tracked state.
            ChangeTracker.DetectChanges();
        }
        var records = CollectChangeAudit();
        if (records.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var outerTransaction = Database.CurrentTransaction;
        var ownTransaction = outerTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        if (outerTransaction is not null)
        {
            // Inside the caller's transaction a failed save must take its audit rows with it, even if the caller
            // carries on (the audit rows are written before the change, so EF's own savepoint does not cover them).
            await outerTransaction.CreateSavepointAsync(AuditSavepoint, cancellationToken);
        }

        try
        {
            await AuditAppender.AppendAsync(this, records, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        catch when (outerTransaction is not null)
        {
            await outerTransaction.RollbackToSavepointAsync(AuditSavepoint, CancellationToken.None);
            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private const string AuditSavepoint = "tactus_audit";

    private List<AuditRecord> CollectChangeAudit()
    {
        var now = Time.GetStorageNow();
        var records = new List<AuditRecord>();
        foreach (var entry in ChangeTracker.Entries<IAudited>())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Modified => AuditActions.Update,
                EntityState.Deleted => AuditActions.Delete,
                _ => null,
            };
            if (action is null)
            {
                continue;
            }

            // Field names, never values: the audit trail says what changed without copying PHI.
            var detail = entry.State == EntityState.Modified
                ? "changed: " + string.Join(", ", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : null;
            records.Add(new AuditRecord(now, OrganizationOf(entry.Entity), Scope.UserId, Scope.Actor, Scope.Role, action,
                entry.Entity.GetType().Name, entry.Entity.Id.ToString(), (entry.Entity as IPatientData)?.PatientId,
                Scope.IpAddress, AuditOutcomes.Success, detail));
        }

        return records;
    }

    private Guid? OrganizationOf(IAudited entity) => entity switch
    {
        IOrganizationOwned owned => owned.OrganizationId,
        Features.Organizations.Organization organization => organization.Id,
        _ => Scope.OrganizationId,
    };
}
