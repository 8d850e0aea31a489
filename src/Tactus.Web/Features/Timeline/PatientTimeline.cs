using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Timeline;

/// <summary>One patient's loop in order — referrals, screening, plans, sessions, amendments — and what is due next.</summary>
public sealed record PatientTimeline(IReadOnlyList<PatientTimeline.Event> Events, IReadOnlyList<string> DueNext)
{
    public sealed record Event(DateTimeOffset At, string Kind, string Text, string? Link);

    public static async Task<PatientTimeline> BuildAsync(TactusDbContext db, Guid patientId, DateOnly today, CancellationToken cancellationToken)
    {
        var referrals = await db.Referrals.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(cancellationToken);
        var intakes = await db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).ToListAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking().Where(f => f.PatientId == patientId).ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().Where(p => p.PatientId == patientId).ToListAsync(cancellationToken);
        var sessions = await db.TreatmentSessions.AsNoTracking().Where(s => s.PatientId == patientId).ToListAsync(cancellationToken);

        var events = new List<Event>();
        foreach (var r in referrals)
        {
            events.Add(new(r.CreatedAt, "referral", $"Referral created ({string.Join(", ", r.Diagnoses.OrderBy(d => d.Rank).Select(d => d.Code))})", $"/Referrals/Details/{r.Id}"));
            events.AddRange(r.StatusChanges.Select(c => new Event(c.At, "referral", $"Referral {Referral.Describe(c.To)}{(c.Reason is null ? "" : $": {c.Reason}")}", $"/Referrals/Details/{r.Id}")));
        }

        events.AddRange(intakes.Select(i => new Event(i.RecordedAt, "screening", "Intake recorded and screened", null)));
        foreach (var f in findings)
        {
            events.Add(new(f.DetectedAt, "finding", $"Finding: {f.Finding} ({string.Join(", ", f.Does.Select(Screening.RuleEffects.Label))})", null));
            if (f.ClearedAt is { } cleared)
            {
                events.Add(new(cleared, "finding", $"Cleared: {f.Finding} — {f.ClearanceReason}", null));
            }

            if (f.ResolvedAt is { } resolved)
            {
                events.Add(new(resolved, "finding", $"No longer applies: {f.Finding}", null));
            }
        }

        foreach (var p in plans)
        {
            events.Add(new(p.CreatedAt, "plan", "Plan of care written", $"/Plans/Details/{p.Id}"));
            if (p.SignedAt is { } signed) { events.Add(new(signed, "plan", "Plan of care signed by the therapist", $"/Plans/Details/{p.Id}")); }
            if (p.CertifiedAt is { } certified) { events.Add(new(certified, "plan", "Plan of care certified by the clinician", $"/Plans/Details/{p.Id}")); }
        }

        foreach (var s in sessions)
        {
            events.Add(new(s.CheckedInAt, "session", $"Session: pain {s.CheckIn.PainBefore} → {s.Note.PainAfter?.ToString() ?? "?"}, {s.Note.TotalMinutes} min{(s.Note.AdverseEvents.Count > 0 ? ", adverse event flagged" : "")}", $"/Sessions/Edit/{s.Id}"));
            if (s.SignedAt is { } signed) { events.Add(new(signed, "session", s.LateEntry ? "Session note signed (late entry)" : "Session note signed", $"/Sessions/Edit/{s.Id}")); }
            events.AddRange(s.Amendments.Select(a => new Event(a.At, "amendment", $"Session note amended: {a.Reason}", $"/Sessions/Edit/{s.Id}")));
        }

        return new PatientTimeline(events.OrderByDescending(e => e.At).ToList(), WhatIsDue(referrals, intakes, findings, plans, sessions, today));
    }

    private static List<string> WhatIsDue(List<Referral> referrals, List<PatientIntake> intakes, List<PatientFinding> findings,
        List<PlanOfCare> plans, List<TreatmentSession> sessions, DateOnly today)
    {
        var due = new List<string>();
        var open = referrals.Where(r => !r.IsClosed).ToList();
        if (open.Any(r => r.Status == ReferralStatus.Sent)) { due.Add("A referral is waiting to be accepted."); }
        if (open.Any(r => r.Status != ReferralStatus.Sent && r.Status != ReferralStatus.Draft) && intakes.Count == 0) { due.Add("Record the intake and screening."); }
        due.AddRange(findings.Where(f => f.Blocks).Select(f => f.NeedsClearance
            ? $"Clearance needed from the referring clinician: {f.Finding}." : $"No massage until resolved: {f.Finding}."));
        foreach (var r in open.Where(r => r.AssignedTherapistId is not null))
        {
            var plan = plans.Where(p => p.ReferralId == r.Id).MaxBy(p => p.CreatedAt);
            var given = sessions.Count(s => s.ReferralId == r.Id && s.SignedAt is not null);
            if (plan is null) { due.Add("Write the plan of care."); continue; }
            if (plan.Status == PlanStatus.Draft) { due.Add("Sign the plan of care."); }
            if (plan.Status == PlanStatus.Signed) { due.Add("Plan of care awaiting the clinician's certification."); }
            if (plan.RecertificationDue(today, given)) { due.Add("Plan of care is due for re-certification."); }
            due.Add($"Visits: {given} of {plan.PlannedVisits} planned given.");
        }

        if (sessions.Any(s => s.Status == SessionStatus.Draft)) { due.Add("A session note is unsigned."); }
        return due;
    }
}
