using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Referrals;

/// <summary>Work-list and detail reads; the context has already scoped referrals to patients the caller may see.</summary>
public static class ReferralQueries
{
    public sealed record WorklistItem(Guid Id, Guid PatientId, string PatientName, string Mrn, ReferralStatus Status,
        ReferralUrgency Urgency, string PrimaryDiagnosis, string ReferringClinician, string? AssignedTherapist,
        DateTimeOffset? SentAt, int? DaysWaiting);

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
        var referrals = await query
            .OrderBy(r => r.WorklistRank).ThenBy(r => r.SentAt).ThenBy(r => r.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var hasMore = referrals.Count > pageSize;
        referrals = referrals.Take(pageSize).ToList();
        var patientIds = referrals.Select(r => r.PatientId).Distinct().ToList();
        var patients = patientIds.Count == 0 ? [] : await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var userIds = referrals.SelectMany(r => new[] { r.ReferringClinicianId, r.AssignedTherapistId ?? Guid.Empty }).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var items = referrals
            .Where(r => patients.ContainsKey(r.PatientId))
            .Select(r => new WorklistItem(r.Id, r.PatientId, patients[r.PatientId].FullName, patients[r.PatientId].Mrn, r.Status, r.Urgency,
                r.Diagnoses.OrderBy(d => d.Rank).Select(d => $"{d.Code} {d.Display}").FirstOrDefault() ?? "",
                names.GetValueOrDefault(r.ReferringClinicianId, "Unknown clinician"),
                r.AssignedTherapistId is { } t ? names.GetValueOrDefault(t) : null,
                r.SentAt, r.SentAt is { } sent ? (int)(now - sent).TotalDays : null))
            .ToList();
        return new WorklistPage(items, pageNumber, pageSize, total, hasMore);
    }
}
