using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Referrals;

/// <summary>The writes on referrals that both the pages and the API perform, with who may do what.</summary>
public sealed class ReferralWorkflow(TactusDbContext db, AccessScope scope, Diagnoses.DiagnosisCatalog catalog, TimeProvider time)
{
    public enum Step { Send, Accept, Decline, Schedule, Start, Hold, Resume, Discharge, Cancel }

    public async Task<Referral> CreateAsync(NewReferral input, CancellationToken cancellationToken = default)
    {
        var (organizationId, userId) = Caller();
        if (scope.Role is not (Roles.Clinician or Roles.Manager or Roles.Administrator))
        {
            throw new DomainRuleException("forbidden", "Only a referring clinician, or programme staff on a clinician's behalf, can enter a referral.", 403);
        }

        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == input.PatientId, cancellationToken)
            ?? throw Invalid("unknown-patient", "There is no such patient in your list.");
        var clinicianId = scope.Role == Roles.Clinician ? userId : input.ReferringClinicianId
            ?? throw Invalid("clinician-required", "Choose the referring clinician this referral is entered for.");
        if (scope.Role != Roles.Clinician && !await IsInRoleAsync(clinicianId, Roles.Clinician, cancellationToken))
        {
            throw Invalid("unknown-clinician", "The referring clinician must be a clinician of your organisation.");
        }

        var known = await catalog.ForCurrentOrganizationAsync(cancellationToken);
        var codes = input.Diagnoses.Select(ContraindicationEngine.NormalizeCode).Where(c => c.Length > 0).Distinct().ToList();
        var unknown = codes.Where(c => !known.ContainsKey(c)).ToList();
        if (codes.Count == 0 || unknown.Count > 0)
        {
            throw Invalid("unknown-diagnosis", codes.Count == 0 ? "Give at least one diagnosis."
                : $"Not on the referral code list: {string.Join(", ", unknown)}. Use a current ICD-10-CM code (for low back pain, M54.50; M54.5 is no longer valid).");
        }

        var now = time.GetStorageNow();
        var referral = new Referral
        {
            OrganizationId = organizationId,
            PatientId = patient.Id,
            ReferringClinicianId = clinicianId,
            EnteredById = userId,
            Reason = input.Reason!.Trim(),
            Goals = Clean(input.Goals),
            Precautions = Clean(input.Precautions),
            VisitsRequested = input.VisitsRequested,
            Urgency = input.Urgency,
            CreatedAt = now,
            ExternalSystem = input.ExternalIdentifier?.System,
            ExternalId = input.ExternalIdentifier?.Value,
        };
        referral.Diagnoses.AddRange(codes.Select((code, rank) => new ReferralDiagnosis
        {
            Rank = rank + 1, Code = known[code].Code, Display = known[code].Display,
        }));
        if (input.SendNow)
        {
            referral.Send(userId, now);
        }

        db.Referrals.Add(referral);
        await JoinCareTeamAsync(patient.Id, organizationId, clinicianId, Roles.Clinician, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    /// <summary>Moves a referral one step; null when it does not exist or is not visible to the caller.</summary>
    public async Task<Referral?> MoveAsync(Guid id, Step step, string? reason = null, CancellationToken cancellationToken = default)
    {
        var (_, userId) = Caller();
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        EnsureAllowed(referral, step, userId);
        var now = time.GetStorageNow();
        switch (step)
        {
            case Step.Send: referral.Send(userId, now); break;
            case Step.Accept: referral.Accept(userId, now); break;
            case Step.Decline: referral.Decline(reason!, userId, now); break;
            case Step.Schedule: referral.Schedule(userId, now); break;
            case Step.Start: referral.Start(userId, now); break;
            case Step.Hold: referral.Hold(reason!, userId, now); break;
            case Step.Resume: referral.Resume(userId, now); break;
            case Step.Discharge: referral.Discharge(userId, now); break;
            case Step.Cancel: referral.Cancel(reason!, userId, now); break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    /// <summary>Assigns a licensed therapist, who joins the patient's care team.</summary>
    public async Task<Referral?> AssignAsync(Guid id, Guid therapistId, CancellationToken cancellationToken = default)
    {
        var (organizationId, _) = Caller();
        if (scope.Role is not (Roles.Manager or Roles.Administrator))
        {
            throw new DomainRuleException("forbidden", "Only the programme manager assigns therapists.", 403);
        }

        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        if (!await IsInRoleAsync(therapistId, Roles.Therapist, cancellationToken))
        {
            throw Invalid("unknown-therapist", "Choose a therapist of your organisation.");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var practitioner = await db.Practitioners.SingleOrDefaultAsync(p => p.UserId == therapistId, cancellationToken);
        if (CredentialRules.LicenceProblem(practitioner, today) is { } problem)
        {
            var name = await db.Users.Where(u => u.Id == therapistId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            throw Invalid("unlicensed", $"{name} cannot be assigned: {problem}.");
        }

        referral.AssignTherapist(therapistId);
        await JoinCareTeamAsync(referral.PatientId, organizationId, therapistId, Roles.Therapist, time.GetStorageNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    private void EnsureAllowed(Referral referral, Step step, Guid userId)
    {
        if (step is Step.Schedule or Step.Start)
        {
            throw new DomainRuleException("follows-the-schedule",
                "A referral becomes scheduled when its first visit is booked on the calendar, and in progress at the first check-in.");
        }

        if (!ReferralSteps.RoleMay(referral, step, scope.Role, userId))
        {
            throw new DomainRuleException("forbidden", $"Your role cannot {step.ToString().ToLowerInvariant()} this referral.", 403);
        }

        if (!ReferralSteps.StateAllows(referral, step))
        {
            throw new DomainRuleException("invalid-transition", $"A referral that is {Referral.Describe(referral.Status)} cannot be {ReferralSteps.Done(step)}.");
        }
    }

    private async Task JoinCareTeamAsync(Guid patientId, Guid organizationId, Guid userId, string role, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var already = await db.CareTeamMembers.AnyAsync(m => m.PatientId == patientId && m.UserId == userId, cancellationToken)
            || db.CareTeamMembers.Local.Any(m => m.PatientId == patientId && m.UserId == userId);
        if (!already)
        {
            db.CareTeamMembers.Add(new CareTeamMember { OrganizationId = organizationId, PatientId = patientId, UserId = userId, Role = role, AddedAt = now });
        }
    }

    private Task<bool> IsInRoleAsync(Guid userId, string role, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId)
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => ur.RoleId)
            .Join(db.Roles, roleId => roleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(name => name == role, cancellationToken);

    private (Guid OrganizationId, Guid UserId) Caller() =>
        scope.OrganizationId is { } organizationId && scope.UserId is { } userId
            ? (organizationId, userId)
            : throw new DomainRuleException("forbidden", "Sign in as a member of an organisation.", 403);

    private static DomainRuleException Invalid(string code, string message) => new(code, message, StatusCodes.Status422UnprocessableEntity);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
