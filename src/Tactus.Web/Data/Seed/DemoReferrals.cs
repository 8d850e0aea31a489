using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Data.Seed;

/// <summary>Credentials for the demo clinicians and therapists, and referrals at several points of the loop.</summary>
public static class DemoReferrals
{
    public static async Task SeedAsync(TactusDbContext db, ClinicalReference reference, Guid organizationId,
        IReadOnlyList<(Guid UserId, string Role, string Email)> staff, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var (userId, role, email) in staff.Where(s => s.Role is Roles.Therapist or Roles.Clinician))
        {
            var practitioner = new Practitioner
            {
                OrganizationId = organizationId,
                UserId = userId,
                Discipline = role == Roles.Clinician ? Disciplines.Physician : Disciplines.MassageTherapist,
                Npi = role == Roles.Clinician ? "1234567893" : email.StartsWith("therapist@", StringComparison.Ordinal) ? "1245319599" : "1554433221",
            };
            practitioner.Licences.Add(new Licence
            {
                State = "OR", Number = (role == Roles.Clinician ? "MD" : "LMT") + (10000 + practitioner.Licences.Count + email.Length),
                Status = LicenceStatus.Active, ExpiresOn = today.AddMonths(role == Roles.Clinician ? 20 : 11),
            });
            if (email.StartsWith("therapist@", StringComparison.Ordinal))
            {
                practitioner.Certifications.Add(new Certification { Code = "manual-lymphatic-drainage", ExpiresOn = today.AddYears(2) });
                practitioner.Certifications.Add(new Certification { Code = "oncology-massage", ExpiresOn = today.AddYears(1) });
            }

            db.Practitioners.Add(practitioner);
        }

        var clinician = staff.First(s => s.Role == Roles.Clinician).UserId;
        var therapist = staff.First(s => s.Role == Roles.Therapist).UserId;
        var manager = staff.First(s => s.Role == Roles.Manager).UserId;
        var patients = await db.Patients.Where(p => p.OrganizationId == organizationId).Include(p => p.Conditions)
            .OrderBy(p => p.Mrn).Take(6).ToListAsync();
        var now = time.GetStorageNow();
        for (var i = 0; i < patients.Count; i++)
        {
            var patient = patients[i];
            var sentAt = now.AddDays(-(i * 3) - 1);
            var referral = new Referral
            {
                OrganizationId = organizationId, PatientId = patient.Id, ReferringClinicianId = clinician, EnteredById = clinician,
                Reason = "Persistent pain limiting daily activity despite usual care; please assess for medical massage.",
                Goals = "Reduce pain to 3/10 or less and return to usual activities.",
                VisitsRequested = 8, Urgency = i == 0 ? ReferralUrgency.Urgent : ReferralUrgency.Routine,
                CreatedAt = sentAt,
            };
            foreach (var (condition, rank) in patient.Conditions.Where(c => reference.Diagnoses.ContainsKey(c.Code)).Select((c, r) => (c, r)))
            {
                referral.Diagnoses.Add(new ReferralDiagnosis { Rank = rank + 1, Code = condition.Code, Display = condition.Display });
            }

            referral.Send(clinician, sentAt);
            if (i >= 2)
            {
                referral.Accept(manager, sentAt.AddDays(1));
                referral.AssignTherapist(therapist);
                if (!await db.CareTeamMembers.AnyAsync(m => m.PatientId == patient.Id && m.UserId == therapist))
                {
                    db.CareTeamMembers.Add(new Features.Patients.CareTeamMember
                    {
                        OrganizationId = organizationId, PatientId = patient.Id, UserId = therapist, Role = Roles.Therapist, AddedAt = now,
                    });
                }
            }

            if (i >= 4)
            {
                referral.Schedule(manager, sentAt.AddDays(1));
            }

            db.Referrals.Add(referral);
        }

        await db.SaveChangesAsync();
    }
}
