using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Reads a projection over patient data (names for a work-list, a few columns for a count) and records each row's
/// patient in the request's read audit, as a materialised entity would be: no shape of query escapes the audit.
/// </summary>
public static class AuditedQueries
{
    /// <param name="entityType">What was read, as the audit names it (e.g. "Patient" for a name).</param>
    /// <param name="idOf">The row's record id, for the audit entry.</param>
    /// <param name="patientOf">The patient the row is about.</param>
    public static async Task<List<T>> ToAuditedListAsync<T>(this IQueryable<T> query, TactusDbContext db, string entityType, Func<T, Guid> idOf,
        Func<T, Guid> patientOf, CancellationToken cancellationToken)
    {
        var rows = await query.TagWith(ReadAuditGuard.AuditedProjection).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            db.OnPatientDataProjected(entityType, idOf(row), patientOf(row));
        }

        return rows;
    }

    /// <summary>Counts the list, then reads the asked page of it as <see cref="ToAuditedListAsync"/> does.</summary>
    public static async Task<Web.PagedList<T>> ToAuditedPageAsync<T>(this IQueryable<T> ordered, TactusDbContext db, string entityType, Func<T, Guid> idOf,
        Func<T, Guid> patientOf, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var pageNumber = Web.Paging.PageNumberFor(page, total, pageSize);
        List<T> rows = total == 0 ? [] : await ordered.Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .ToAuditedListAsync(db, entityType, idOf, patientOf, cancellationToken);
        return new Web.PagedList<T>(rows, total, pageNumber, pageSize);
    }
}
