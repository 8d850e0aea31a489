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
        var records = CollectChangeAudit();
        if (records.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        var appended = new List<AuditEntry>();
        try
        {
            appended.AddRange(await AuditAppender.AppendAsync(this, records, cancellationToken));
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        catch
        {
            // The transaction rolls back; forget the audit rows so a retry does not reuse their places.
            foreach (var entry in appended)
            {
                Entry(entry).State = EntityState.Detached;
            }

            foreach (var head in ChangeTracker.Entries<AuditChainHead>().ToList())
            {
                head.State = EntityState.Detached;
            }

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
