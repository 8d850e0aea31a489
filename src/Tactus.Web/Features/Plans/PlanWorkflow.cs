using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Plans;

/// <summary>Writing, signing and certifying plans of care, with the credential and safety gates.</summary>
public sealed class PlanWorkflow(TactusDbContext db, AccessScope scope, ClinicalReference reference, Questionnaires.InstrumentCatalog instruments, TimeProvider time, IConfiguration configuration)
{
    private int RecertifyAfterDays => configuration.GetValue("Plans:RecertifyAfterDays", 90);

    /// <summary>0 means "when the planned visits are used up".</summary>
    private int RecertifyAfterVisits => configuration.GetValue("Plans:RecertifyAfterVisits", 0);

    public async Task<PlanOfCare?> CreateAsync(Guid referralId, PlanInput input, CancellationToken cancellationToken = default)
    {
        var userId = RequireRole(Roles.Therapist, "Only the assigned therapist writes the plan of care.");
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        if (referral.AssignedTherapistId != userId)
        {
            throw new DomainRuleException("forbidden", "Only the therapist assigned to this referral writes its plan.", 403);
        }

        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Scheduled or ReferralStatus.InProgress or ReferralStatus.OnHold))
        {
            throw new DomainRuleException("referral-not-open", $"A plan needs an accepted, open referral; this one is {Referral.Describe(referral.Status)}.");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var practitioner = await db.Practitioners.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var findings = await db.Findings.Where(f => f.PatientId == referral.PatientId && f.Status != FindingStatus.Resolved).ToListAsync(cancellationToken);
        CheckTechniques(input.Techniques, practitioner, findings, today);
        var measures = input.Measures.Where(m => !string.IsNullOrWhiteSpace(m.Instrument)).ToList();
        if (measures.FirstOrDefault(m => instruments.Find(m.Instrument!) is null) is { } unknown)
        {
            throw new DomainRuleException("unknown-instrument", $"There is no instrument '{unknown.Instrument}' to schedule.", StatusCodes.Status422UnprocessableEntity);
        }

        if (measures.FirstOrDefault(m => !m.AtBaseline && !m.AtDischarge && m.EveryVisits == 0) is { } never)
        {
            throw new DomainRuleException("empty-schedule", $"{never.Instrument} is scheduled for no visit: choose baseline, every N visits or discharge.", StatusCodes.Status422UnprocessableEntity);
        }

        var precautions = findings.Select(f => $"{f.Finding}: {f.ClinicianText}")
            .Prepend(referral.Precautions is { } fromReferral ? $"From the referral: {fromReferral}" : null).OfType<string>().ToList();
        var plan = new PlanOfCare
        {
            OrganizationId = referral.OrganizationId,
            PatientId = referral.PatientId,
            ReferralId = referral.Id,
            AuthorId = userId,
            ProtocolId = input.ProtocolId,
            SessionsPerWeek = input.SessionsPerWeek,
            Weeks = input.Weeks,
            Techniques = input.Techniques.Distinct().ToList(),
            Precautions = precautions.Count == 0 ? null : string.Join("\n", precautions),
            CreatedAt = time.GetStorageNow(),
            RecertifyAfterVisits = RecertifyAfterVisits > 0 ? RecertifyAfterVisits : input.SessionsPerWeek * input.Weeks,
            ReportEveryVisits = input.ReportEveryVisits,
            ReportEveryDays = input.ReportEveryDays,
        };
        plan.Measures.AddRange(measures
            .DistinctBy(m => instruments.Find(m.Instrument!)!.Code)
            .Select(m => new MeasureSchedule
            {
                Instrument = instruments.Find(m.Instrument!)!.Code, AtBaseline = m.AtBaseline, EveryVisits = m.EveryVisits, AtDischarge = m.AtDischarge,
            }));
        plan.Goals.AddRange(input.Goals.Select(g => new PlanGoal
        {
            Description = g.Description!.Trim(), Instrument = g.Instrument?.Trim(), Target = g.Target?.Trim(), TargetDate = g.TargetDate,
        }));
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    public async Task<PlanOfCare?> SignAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        var userId = RequireRole(Roles.Therapist, "Only the treating therapist signs the plan.");
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        if (plan.AuthorId != userId)
        {
            throw new DomainRuleException("forbidden", "Only the therapist who wrote the plan signs it.", 403);
        }

        var practitioner = await db.Practitioners.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (CredentialRules.LicenceProblem(practitioner, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) is { } problem)
        {
            throw new DomainRuleException("unlicensed", $"You cannot sign: your record {problem}.", StatusCodes.Status422UnprocessableEntity);
        }

        plan.Sign(userId, time.GetStorageNow());

        // The referring clinician hears that a plan waits for their certification (issue 13 §2), in the signing's transaction.
        var clinician = await db.Referrals.Where(r => r.Id == plan.ReferralId).Select(r => r.ReferringClinicianId).SingleAsync(cancellationToken);
        if (await Messages.StaffMessages.EmailOfAsync(db, clinician, cancellationToken) is { Length: > 0 } email)
        {
            db.OutboxMessages.Add(Messages.StaffMessages.WorkWaiting(plan.OrganizationId, plan.PatientId, Messages.StaffMessages.PlanToCertify,
                "A plan of care waits for your certification", "A massage therapist signed a plan of care for one of your patients; it waits for your certification.",
                email, Messages.MessageLinks.To(configuration, "/Plans"), time.GetStorageNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    public async Task<PlanOfCare?> CertifyAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        var userId = RequireRole(Roles.Clinician, "Only the referring clinician certifies the plan.");
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var referral = await db.Referrals.SingleAsync(r => r.Id == plan.ReferralId, cancellationToken);
        if (referral.ReferringClinicianId != userId)
        {
            throw new DomainRuleException("forbidden", "Only the clinician who made the referral certifies its plan.", 403);
        }

        plan.Certify(userId, time.GetStorageNow(), RecertifyAfterDays);
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    private void CheckTechniques(List<string> techniques, Practitioner? practitioner, List<PatientFinding> findings, DateOnly today)
    {
        foreach (var id in techniques)
        {
            var technique = reference.FindTechnique(id)
                ?? throw new DomainRuleException("unknown-technique", $"Unknown technique '{id}'.", StatusCodes.Status422UnprocessableEntity);
            if (technique.RequiresCertification is { } certification && !CredentialRules.HoldsCertificationOn(practitioner, certification, today))
            {
                throw new DomainRuleException("certification-required",
                    $"{technique.Name} needs the {certification.Replace('-', ' ')} certification, which you do not hold.", StatusCodes.Status422UnprocessableEntity);
            }

            if (findings.FirstOrDefault(f => f.ExcludedTechniques.Contains(id)) is { } finding)
            {
                throw new DomainRuleException("technique-excluded",
                    $"{technique.Name} is excluded by the finding '{finding.Finding}'.", StatusCodes.Status422UnprocessableEntity);
            }
        }
    }

    private Guid RequireRole(string role, string message) =>
        scope.Role == role && scope.UserId is { } userId ? userId : throw new DomainRuleException("forbidden", message, 403);
}
