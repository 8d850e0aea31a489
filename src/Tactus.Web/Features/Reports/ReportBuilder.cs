using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Reports;

/// <summary>Gathers a report's content from the record: every query goes through the caller's scope.</summary>
public sealed class ReportBuilder(TactusDbContext db, InstrumentCatalog catalog)
{
    public async Task<ReportContent> BuildAsync(Referral referral, PlanOfCare? plan, DateOnly today, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == referral.PatientId, cancellationToken);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == referral.ReferringClinicianId || u.Id == referral.AssignedTherapistId)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var sessions = await db.TreatmentSessions.AsNoTracking()
            .Where(s => s.ReferralId == referral.Id && s.Status != SessionStatus.Draft)
            .OrderBy(s => s.SessionDate).ToListAsync(cancellationToken);
        var since = plan?.CreatedAt ?? referral.CreatedAt;
        var responses = await db.MeasureResponses.AsNoTracking()
            .Where(r => r.PatientId == referral.PatientId && r.Total != null && r.CompletedAt >= since)
            .OrderBy(r => r.CompletedAt).ToListAsync(cancellationToken);

        var outcomes = responses.GroupBy(r => r.Instrument).Select(g => Outcome(g.Key, g.ToList())).OfType<ReportContent.Outcome>()
            .OrderBy(o => o.Instrument, StringComparer.Ordinal).ToList();
        var goals = (plan?.Goals ?? []).Select(goal =>
        {
            var outcome = outcomes.FirstOrDefault(o => string.Equals(o.Instrument, goal.Instrument, StringComparison.OrdinalIgnoreCase));
            var status = goal.Instrument is null
                ? (goal.TargetDate is { } by && by < today ? "review: target date passed" : "functional goal, in the assessment")
                : GoalProgress.Evaluate(goal.Target, outcome?.Baseline, outcome?.Latest);
            return new ReportContent.Goal(goal.Description, goal.Instrument, goal.Target, goal.TargetDate, outcome?.Latest, status);
        }).ToList();
        var adverse = sessions.SelectMany(s => s.Note.AdverseEvents.Select(a => new ReportContent.AdverseEvent(s.SessionDate,
            $"{a.Kind} ({a.Severity.ToString().ToLowerInvariant()}){(a.Note is { } note ? ": " + note : "")}"))).ToList();

        return new ReportContent(
            patient.FullName,
            patient.BirthDate,
            referral.Reason,
            referral.Diagnoses.OrderBy(d => d.Rank).Select(d => new ReportContent.Diagnosis(d.Code, d.Display)).ToList(),
            people.GetValueOrDefault(referral.ReferringClinicianId) ?? "Referring clinician",
            referral.SentAt is { } sent ? DateOnly.FromDateTime(sent.UtcDateTime) : null,
            referral.AssignedTherapistId is { } therapist ? people.GetValueOrDefault(therapist) ?? "" : "",
            sessions.Count > 0 ? sessions[0].SessionDate : DateOnly.FromDateTime(since.UtcDateTime),
            today,
            sessions.Count,
            plan?.PlannedVisits ?? referral.VisitsRequested,
            plan is null ? null : string.Create(CultureInfo.InvariantCulture, $"{plan.SessionsPerWeek} a week for {plan.Weeks} weeks"),
            goals,
            adverse,
            outcomes);
    }

    private ReportContent.Outcome? Outcome(string code, List<MeasureResponse> responses)
    {
        if (catalog.Find(code) is not { } definition)
        {
            return null;
        }

        var first = responses[0].Total!.Value;
        var last = responses[^1].Total!.Value;
        (decimal Change, bool? Reached)? change = responses.Count > 1 ? Scoring.Change(definition, first, last) : null;
        return new ReportContent.Outcome(definition.Code, definition.Name, definition.Loinc.GetValueOrDefault("total"), definition.Range.Min, definition.Range.Max,
            definition.HigherIsBetter, first, last, responses[^1].Band, change?.Change, change?.Reached, McidText(definition, change),
            responses.Select(r => new ReportContent.Point(r.CompletedAt, r.Total!.Value)).ToList(),
            responses[^1].Band is null ? null : responses[^1].BandConvention, responses[^1].Band is null ? null : BandSource(definition, responses[^1].BandConvention));
    }

    /// <summary>The source of the convention the latest band was read from, as the report states it.</summary>
    private static string? BandSource(InstrumentDefinition definition, string? convention) =>
        definition.Conventions.FirstOrDefault(c => c.Name == convention)?.Source;

    /// <summary>The MCID status in words, with the direction: a large change for the worse is not a success.</summary>
    private static string? McidText(InstrumentDefinition definition, (decimal Change, bool? Reached)? change)
    {
        if (definition.Mcid is not { } mcid)
        {
            return "no MCID established";
        }

        var threshold = string.Join(" or ", new[]
        {
            mcid.Points is { } p ? $"{p.ToString("0.##", CultureInfo.InvariantCulture)} points" : null,
            mcid.Percent is { } pc ? $"{pc.ToString("0.##", CultureInfo.InvariantCulture)}%" : null,
        }.OfType<string>());
        var source = mcid.Verified ? mcid.Source : $"{mcid.Source}; not yet verified";
        if (change is not { } c)
        {
            return $"MCID {threshold} ({source}); one score so far";
        }

        var verdict = c.Reached == true
            ? Scoring.Improved(definition, c.Change) ? "improved by at least the MCID" : "worsened by at least the MCID"
            : "change smaller than the MCID";
        return $"{verdict} ({threshold}; {source})";
    }
}
