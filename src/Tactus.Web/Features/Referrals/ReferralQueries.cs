using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Referrals;

/// <summary>Work-list and detail reads; the context has already scoped referrals to patients the caller may see.</summary>
public static class ReferralQueries
{
    public sealed record WorklistItem(Guid Id, Guid PatientId, string PatientName, string Mrn, ReferralStatus Status,
        ReferralUrgency Urgency, string PrimaryDiagnosis, string ReferringClinician, string? AssignedTherapist,
        DateTimeOffset? SentAt, int? DaysWaiting);

    /// <summary>
    /// New referrals first (urgent before routine, then waiting longest first), then the open ones, then
    /// the closed ones: the order a programme manager works in.
    /// </summary>
    public static async Task<List<WorklistItem>> WorklistAsync(TactusDbContext db, ReferralStatus? status, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var query = db.Referrals.AsNoTracking();
        if (status is { } only)
        {
            query = query.Where(r => r.Status == only);
        }

        var referrals = await query.OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var patientIds = referrals.Select(r => r.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var userIds = referrals.SelectMany(r => new[] { r.ReferringClinicianId, r.AssignedTherapistId ?? Guid.Empty }).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        return referrals
            .Where(r => patients.ContainsKey(r.PatientId))
            .Select(r => new WorklistItem(r.Id, r.PatientId, patients[r.PatientId].FullName, patients[r.PatientId].Mrn, r.Status, r.Urgency,
                r.Diagnoses.OrderBy(d => d.Rank).Select(d => $"{d.Code} {d.Display}").FirstOrDefault() ?? "",
                names.GetValueOrDefault(r.ReferringClinicianId, "Unknown clinician"),
                r.AssignedTherapistId is { } t ? names.GetValueOrDefault(t) : null,
                r.SentAt, r.SentAt is { } sent ? (int)(now - sent).TotalDays : null))
            .OrderBy(r => r.Status == ReferralStatus.Sent ? 0 : r.Status is ReferralStatus.Declined or ReferralStatus.Discharged or ReferralStatus.Cancelled ? 2 : 1)
            .ThenBy(r => r.Urgency == ReferralUrgency.Urgent ? 0 : 1)
            .ThenBy(r => r.SentAt ?? DateTimeOffset.MaxValue)
            .ToList();
    }
}
