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
}
