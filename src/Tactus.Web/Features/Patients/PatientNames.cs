using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Patients;

/// <summary>Patients' names for a work-list, read as a projection and recorded in the read audit like any patient read.</summary>
public static class PatientNames
{
    public static async Task<Dictionary<Guid, string>> ForAsync(TactusDbContext db, IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken) =>
        patientIds.Count == 0 ? []
            : (await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).Select(p => new { p.Id, Name = p.GivenName + " " + p.FamilyName })
                .ToAuditedListAsync(db, nameof(Patient), p => p.Id, p => p.Id, cancellationToken))
            .ToDictionary(p => p.Id, p => p.Name);

    public static async Task<string?> OfAsync(TactusDbContext db, Guid patientId, CancellationToken cancellationToken) =>
        (await ForAsync(db, [patientId], cancellationToken)).GetValueOrDefault(patientId);
}
