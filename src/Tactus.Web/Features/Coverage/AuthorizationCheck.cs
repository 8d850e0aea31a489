using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Coverage;

/// <summary>What a patient's coverage says about a visit on a day: which coverage pays, and whether an authorisation covers it.</summary>
/// <param name="UnitsUsed">Billable units already coded under the authorisation before this visit (only counted when it approves units).</param>
public sealed record VisitCoverage(PatientCoverage? Coverage, Payer? Payer, Authorization? Authorization, int VisitsUsed, string? Problem, string? Warning, int UnitsUsed = 0)
{
    public int? VisitsLeft => Authorization is null ? null : Authorization.VisitsApproved - VisitsUsed;
}

/// <summary>
/// One place that answers "is this visit covered and authorised?" for check-in, coding and claims. Visits
/// used are counted from the visits in the authorisation's date range (and referral, when it names one).
/// </summary>
public sealed class AuthorizationCheck(TactusDbContext db)
{
    public async Task<PatientCoverage?> PrimaryCoverageAsync(Guid patientId, DateOnly day, CancellationToken cancellationToken)
    {
        return Primary(await db.Coverages.Where(c => c.PatientId == patientId).ToListAsync(cancellationToken), day);
    }

    /// <param name="excludingSessionId">The visit being checked, when it already exists, so it is not counted against itself.</param>
    public async Task<VisitCoverage> ForVisitAsync(Guid patientId, Guid referralId, DateOnly day, Guid? excludingSessionId, CancellationToken cancellationToken)
    {
        var coverage = await PrimaryCoverageAsync(patientId, day, cancellationToken);
        return coverage is null
            ? new VisitCoverage(null, null, null, 0, null, null)
            : await ForVisitAsync(coverage, await db.Payers.SingleAsync(p => p.Id == coverage.PayerId, cancellationToken), patientId, referralId, day,
                excludingSessionId, cancellationToken);
    }

    /// <summary>The same check with the patient's coverages and the organisation's payers already read (a claim export checks many visits at once).</summary>
    public async Task<VisitCoverage> ForVisitAsync(Guid patientId, Guid referralId, DateOnly day, Guid? excludingSessionId,
        IReadOnlyList<PatientCoverage> coveragesOfPatient, IReadOnlyDictionary<Guid, Payer> payers, CancellationToken cancellationToken) =>
        Primary(coveragesOfPatient, day) is { } coverage
            ? await ForVisitAsync(coverage, payers[coverage.PayerId], patientId, referralId, day, excludingSessionId, cancellationToken)
            : new VisitCoverage(null, null, null, 0, null, null);

    private static PatientCoverage? Primary(IEnumerable<PatientCoverage> coverages, DateOnly day) =>
        coverages.Where(c => c.ActiveOn(day)).OrderBy(c => c.Priority).FirstOrDefault();

    private async Task<VisitCoverage> ForVisitAsync(PatientCoverage coverage, Payer payer, Guid patientId, Guid referralId, DateOnly day,
        Guid? excludingSessionId, CancellationToken cancellationToken)
    {
        var limitWarning = await YearlyLimitWarningAsync(payer, patientId, day, excludingSessionId, cancellationToken);
        var authorizations = await db.Authorizations.Where(a => a.CoverageId == coverage.Id && (a.ReferralId == null || a.ReferralId == referralId))
            .ToListAsync(cancellationToken);
        var authorization = authorizations.Where(a => a.Covers(day)).OrderBy(a => a.EndsOn).FirstOrDefault();
        if (authorization is null)
        {
            return new VisitCoverage(coverage, payer, null, 0,
                payer.RequiresAuthorization ? $"{payer.Name} requires an authorisation and none covers {day:d MMM yyyy}." : null, limitWarning);
        }

        var used = await VisitsUsedAsync(authorization, excludingSessionId, cancellationToken, upTo: day);
        var units = authorization.UnitsApproved is null ? 0 : await UnitsUsedAsync(authorization, excludingSessionId, day, cancellationToken);
        var left = authorization.VisitsApproved - used;
        string? problem = !payer.RequiresAuthorization ? null
            : left <= 0 ? $"Authorisation {authorization.Number} is used up: {used} of {authorization.VisitsApproved} visits."
            : units >= authorization.UnitsApproved ? $"Authorisation {authorization.Number} is used up: {units} of {authorization.UnitsApproved} units."
            : null;
        string? warning = problem is null && (left - 1 <= Authorization.WarnWhenVisitsLeft || authorization.EndsOn.DayNumber - day.DayNumber <= Authorization.WarnDaysBeforeEnd)
            ? $"Authorisation {authorization.Number}: {Math.Max(left - 1, 0)} visit{(left - 1 == 1 ? "" : "s")} left after this one, ends {authorization.EndsOn:d MMM yyyy}."
            : null;
        return new VisitCoverage(coverage, payer, authorization, used, problem, string.Join(" ", new[] { warning, limitWarning }.OfType<string>()) is { Length: > 0 } w ? w : null, units);
    }

    /// <summary>The payer covers so many visits a calendar year; past that the patient may owe for the visit. A warning, not a block.</summary>
    private async Task<string?> YearlyLimitWarningAsync(Payer payer, Guid patientId, DateOnly day, Guid? excludingSessionId, CancellationToken cancellationToken)
    {
        if (payer.VisitLimitPerYear is not { } limit)
        {
            return null;
        }

        var yearStart = new DateOnly(day.Year, 1, 1);
        var visit = 1 + await db.TreatmentSessions.CountAsync(s => s.PatientId == patientId && s.SessionDate >= yearStart && s.SessionDate <= day
            && s.Id != excludingSessionId, cancellationToken);
        return visit > limit ? $"{payer.Name} covers {limit} visits a year; this is visit {visit}, so the patient may owe for it." : null;
    }

    /// <param name="upTo">Count only visits on or before this day: a claim for an early visit is judged by the visits before it, not by later ones.</param>
    public async Task<int> VisitsUsedAsync(Authorization authorization, Guid? excludingSessionId, CancellationToken cancellationToken, DateOnly? upTo = null)
    {
        var last = upTo is { } day && day < authorization.EndsOn ? day : authorization.EndsOn;
        return await db.TreatmentSessions.CountAsync(s => s.PatientId == authorization.PatientId
            && s.SessionDate >= authorization.StartsOn && s.SessionDate <= last
            && (authorization.ReferralId == null || s.ReferralId == authorization.ReferralId)
            && s.Id != excludingSessionId, cancellationToken);
    }

    /// <summary>Billable units coded for visits under the authorisation up to the day, other than the visit being checked.</summary>
    public Task<int> UnitsUsedAsync(Authorization authorization, Guid? excludingSessionId, DateOnly upTo, CancellationToken cancellationToken) =>
        db.VisitCodings
            .Where(v => v.PatientId == authorization.PatientId && v.ServiceDate >= authorization.StartsOn && v.ServiceDate <= upTo
                && (authorization.ReferralId == null || v.ReferralId == authorization.ReferralId) && v.SessionId != excludingSessionId)
            .SumAsync(v => v.BillableUnits, cancellationToken);
}
