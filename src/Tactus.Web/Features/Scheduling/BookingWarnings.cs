using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// What a booking would go past, said before it is made (issue 13 §1): an unresolved screening finding that defers
/// massage or needs clearance, the authorisation's visits and dates, the payer's yearly visit limit, a planned technique
/// whose certification the therapist does not hold on the day, and the plan's re-certification date and end. Visits
/// already booked count as used: the fifth of six authorised visits is the fifth whether or not it has happened yet.
/// </summary>
public sealed class BookingWarnings(TactusDbContext db, AuthorizationCheck authorizations, ClinicalReference reference, OrganizationClock clock)
{
    public async Task<IReadOnlyList<string>> ForAsync(Referral referral, Practitioner? therapist, IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        var findings = await db.Findings.AsNoTracking().Where(f => f.PatientId == referral.PatientId && f.Status == FindingStatus.Active).ToListAsync(cancellationToken);
        found.AddRange(findings.Where(f => f.Blocks).Select(f => $"Unresolved screening finding: {f.BlockingReason}; treatment cannot go ahead until it is resolved."));
        await CoverageAsync(referral, days.Order().ToList(), found, cancellationToken);
        await PlanAsync(referral, therapist, days, found, cancellationToken);
        return found.Distinct().ToList();
    }

    private async Task CoverageAsync(Referral referral, List<DateOnly> days, List<string> found, CancellationToken cancellationToken)
    {
        var zone = await clock.ZoneAsync(cancellationToken);
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var coverage = await authorizations.ForVisitAsync(referral.PatientId, referral.Id, day, null, cancellationToken);
            if (coverage.Problem is { } problem)
            {
                found.Add(problem);
                continue;
            }

            if (coverage.Authorization is { } authorization)
            {
                var earlierInThisBooking = days.Take(i).Count(authorization.Covers);
                var booked = await BookedAsync(referral.PatientId, authorization.ReferralId, authorization.StartsOn, day, zone, cancellationToken);
                var visit = coverage.VisitsUsed + booked + earlierInThisBooking + 1;
                if (visit > authorization.VisitsApproved)
                {
                    found.Add($"Authorisation {authorization.Number} approves {authorization.VisitsApproved} visits; {day:ddd d MMM yyyy} would be visit {visit} (booked visits included).");
                }
            }

            if (coverage.Payer?.VisitLimitPerYear is { } limit)
            {
                var yearStart = new DateOnly(day.Year, 1, 1);
                var given = await db.TreatmentSessions.CountAsync(s => s.PatientId == referral.PatientId && s.SessionDate >= yearStart && s.SessionDate <= day, cancellationToken);
                var booked = await BookedAsync(referral.PatientId, null, yearStart, day, zone, cancellationToken);
                var visit = given + booked + days.Take(i).Count(d => d.Year == day.Year) + 1;
                if (visit > limit)
                {
                    found.Add($"{coverage.Payer.Name} covers {limit} visits a year; {day:ddd d MMM yyyy} would be visit {visit} this year, so the patient may owe for it.");
                }
            }
        }
    }

    /// <summary>Visits booked and not yet held (checked-in ones are counted as visits given) from a day up to another, inclusive.</summary>
    private Task<int> BookedAsync(Guid patientId, Guid? referralId, DateOnly from, DateOnly upTo, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var start = SlotRules.At(from, TimeOnly.MinValue, zone);
        var end = SlotRules.At(upTo.AddDays(1), TimeOnly.MinValue, zone);
        return db.Appointments.CountAsync(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.StartsAt >= start && a.StartsAt < end
            && (referralId == null || a.ReferralId == referralId), cancellationToken);
    }

    private async Task PlanAsync(Referral referral, Practitioner? therapist, IReadOnlyList<DateOnly> days, List<string> found, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.ReferralId == referral.Id && p.Status != PlanStatus.Draft)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return;
        }

        foreach (var technique in reference.Techniques.Where(t => plan.Techniques.Contains(t.Id) && t.RequiresCertification is not null))
        {
            var uncertified = days.Where(day => !CredentialRules.HoldsCertificationOn(therapist, technique.RequiresCertification!, day)).Select(day => (DateOnly?)day).FirstOrDefault();
            if (uncertified is not null)
            {
                found.Add($"The plan's {technique.Name} needs the {technique.RequiresCertification} certification, which the therapist does not hold on {uncertified.Value:d MMM yyyy}.");
            }
        }

        if (plan.RecertifyBy is { } recertifyBy && days.Any(day => day > recertifyBy))
        {
            found.Add($"The plan is to be re-certified by {recertifyBy:d MMM yyyy}; visits after that need the clinician's re-certification.");
        }

        // The plan's weeks run from its first visit (given or booked), not from the day it was written.
        var zone = await clock.ZoneAsync(cancellationToken);
        var firstGiven = await db.TreatmentSessions.AsNoTracking().Where(t => t.ReferralId == referral.Id).OrderBy(t => t.SessionDate).FirstOrDefaultAsync(cancellationToken);
        var firstBooked = await db.Appointments.AsNoTracking().Where(a => a.ReferralId == referral.Id && a.Status == AppointmentStatus.Booked)
            .OrderBy(a => a.StartsAt).FirstOrDefaultAsync(cancellationToken);
        var starts = new[]
        {
            firstGiven?.SessionDate, firstBooked is null ? null : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(firstBooked.StartsAt, zone).DateTime), days.Min(),
        }.OfType<DateOnly>().Min();
        var planEnds = starts.AddDays(plan.Weeks * 7 - 1);
        if (days.Any(day => day > planEnds))
        {
            found.Add($"The plan covers {plan.Weeks} weeks, to {planEnds:d MMM yyyy}; visits after that are outside the plan.");
        }
    }
}
