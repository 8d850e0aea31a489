using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Referrals;

/// <summary>Work-list and detail reads; the context has already scoped referrals to patients the caller may see.</summary>
public static class ReferralQueries
{
    public sealed record WorklistItem(Guid Id, Guid PatientId, string PatientName, string Mrn, ReferralStatus Status,
        ReferralUrgency Urgency, string PrimaryDiagnosis, string ReferringClinician, string? AssignedTherapist,
        DateTimeOffset? SentAt, int? DaysWaiting);

    private sealed record WorklistRow(Guid Id, Guid PatientId, string GivenName, string FamilyName, string Mrn, ReferralStatus Status,
        ReferralUrgency Urgency, string? PrimaryDiagnosis, Guid ReferringClinicianId, Guid? AssignedTherapistId, DateTimeOffset? SentAt);

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <param name="Total">Only when asked for: counting is a pass over every referral the clinic ever received.</param>
    /// <param name="HasMore">Another page follows this one.</param>
    public sealed record WorklistPage(List<WorklistItem> Items, int PageNumber, int PageSize, int? Total, bool HasMore);

    /// <summary>
    /// New referrals first (urgent before routine, then waiting longest first), then the open ones, then
    /// the closed ones: the order a programme manager works in. The database orders, counts and pages, so the
    /// referral waiting longest is on the first page however many referrals the clinic has ever received.
    /// </summary>
    public static async Task<WorklistPage> WorklistAsync(TactusDbContext db, ReferralStatus? status, DateTimeOffset now,
        int pageNumber = 1, int pageSize = DefaultPageSize, bool withTotal = false, CancellationToken cancellationToken = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Referrals.AsNoTracking();
        if (status is { } only)
        {
            query = query.Where(r => r.Status == only);
        }

        // At a million patients a count of every referral, under 64 users, kept each request past two seconds: the page
        // reads one row more than it shows to say whether more follow, and counts only when asked.
        int? total = withTotal ? await query.CountAsync(cancellationToken) : null;
        // One statement: the page's referrals with their patient's name and first diagnosis, only the columns shown.
        // Loading Referral entities joined every referral's owned diagnoses and status changes (a dozen rows each,
        // with the referral's text repeated on every one) and the patients in a second statement.
        var rows = await query
            .Join(db.Patients, r => r.PatientId, p => p.Id, (r, p) => new { Referral = r, Patient = p })
            .OrderBy(x => x.Referral.WorklistRank).ThenBy(x => x.Referral.SentAt).ThenBy(x => x.Referral.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize + 1)
            .Select(x => new WorklistRow(x.Referral.Id, x.Referral.PatientId, x.Patient.GivenName, x.Patient.FamilyName, x.Patient.Mrn,
                x.Referral.Status, x.Referral.Urgency, x.Referral.Diagnoses.OrderBy(d => d.Rank).Select(d => d.Code + " " + d.Display).FirstOrDefault(),
                x.Referral.ReferringClinicianId, x.Referral.AssignedTherapistId, x.Referral.SentAt))
            .ToAuditedListAsync(db, nameof(Referral), r => r.Id, r => r.PatientId, cancellationToken);
        foreach (var row in rows)
        {
            // The page shows each patient's name and MRN too: that is a read of the patient's record.
            db.OnPatientDataProjected(nameof(Patients.Patient), row.PatientId, row.PatientId);
        }

        var hasMore = rows.Count > pageSize;
        rows = rows.Take(pageSize).ToList();
        var userIds = rows.SelectMany(r => new[] { r.ReferringClinicianId, r.AssignedTherapistId ?? Guid.Empty }).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var items = rows
            .Select(r => new WorklistItem(r.Id, r.PatientId, $"{r.GivenName} {r.FamilyName}", r.Mrn, r.Status, r.Urgency,
                r.PrimaryDiagnosis ?? "",
                names.GetValueOrDefault(r.ReferringClinicianId, "Unknown clinician"),
                r.AssignedTherapistId is { } t ? names.GetValueOrDefault(t) : null,
                r.SentAt, r.SentAt is { } sent ? (int)(now - sent).TotalDays : null))
            .ToList();
        return new WorklistPage(items, pageNumber, pageSize, total, hasMore);
    }
}
