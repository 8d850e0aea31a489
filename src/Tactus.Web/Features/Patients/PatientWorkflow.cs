using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Patients;

/// <summary>The writes on patients that both the pages and the API perform.</summary>
public sealed class PatientWorkflow(TactusDbContext db, AccessScope scope, TimeProvider time)
{
    public async Task<Patient> CreateAsync(PatientInput input, CancellationToken cancellationToken = default)
    {
        // The API and the page both land here: a possible duplicate is refused unless the person confirmed it is someone else.
        if (input is not NewPatientInput { ConfirmNotDuplicate: true }
            && await PatientDuplicates.FindAsync(db, input.GivenName!, input.FamilyName!, input.BirthDate!.Value, null, cancellationToken) is { Count: > 0 } match)
        {
            throw new DomainRuleException("possible-duplicate", PatientDuplicates.Describe(match))
            {
                Extensions = new Dictionary<string, object?> { ["existingPatientIds"] = match.Visible.Select(p => p.Id).ToList() },
            };
        }

        var organizationId = scope.OrganizationId
            ?? throw new DomainRuleException("no-organization", "Only a member of an organisation can register patients.", 403);
        if (!PatientAccessRules.CanEditPatients(scope.Role))
        {
            throw new DomainRuleException("forbidden", "Your role cannot register patients.", 403);
        }

        var now = time.GetStorageNow();
        // The number is taken and committed on its own, so the organisation's counter row is locked for one
        // statement rather than for the whole registration (creates in one organisation queued on it). A
        // registration that then fails leaves a gap in the MRNs, as hospital MRN sequences do; never a duplicate.
        var mrn = await SyntheticClinic.ReserveMrnsAsync(db, organizationId, 1, cancellationToken);
        var patient = new Patient
        {
            OrganizationId = organizationId,
            Mrn = SyntheticClinic.FormatMrn(mrn),
            GivenName = "",
            FamilyName = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        input.ApplyTo(patient);
        if (input is NewPatientInput { ExternalIdentifier: var (system, value) })
        {
            (patient.ExternalSystem, patient.ExternalId) = (system, value);
        }

        if (PatientAccessRules.JoinsCareTeamOnCreate(scope.Role))
        {
            patient.CareTeam.Add(new CareTeamMember
            {
                OrganizationId = organizationId, PatientId = patient.Id, UserId = scope.UserId!.Value, Role = scope.Role!, AddedAt = now,
            });
        }

        db.Patients.Add(patient);
        await db.SaveChangesAsync(cancellationToken); // the patient, their care team and the audit: one transaction
        return patient;
    }

    /// <summary>Returns null when the patient does not exist or is not visible to the caller.</summary>
    public async Task<Patient?> UpdateAsync(Guid id, PatientUpdate input, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        if (patient.Version != input.Version)
        {
            throw new DomainRuleException("stale-version",
                $"This record was changed by someone else since you opened it (you edited version {input.Version}, " +
                $"it is now version {patient.Version}). Reload it and apply your change again.");
        }

        input.ApplyTo(patient);
        if (!db.Entry(patient).Properties.Any(p => p.IsModified))
        {
            return patient;
        }

        patient.Version++;
        patient.UpdatedAt = time.GetStorageNow();
        await db.SaveChangesAsync(cancellationToken);
        return patient;
    }
}
