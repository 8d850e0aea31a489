using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Data.Seed;

/// <summary>
/// The demo clinic as a biller finds it: a billing profile, fees, three payers with different rules, coverage and an
/// authorisation, and two patients already in treatment with signed visits whose codes wait for review.
/// </summary>
public static class DemoBilling
{
    /// <summary>A sample type-2 NPI that passes the check digit (prefix 80840, CMS); not a real organisation's.</summary>
    public const string OrganizationNpi = "1987654328";

    public static async Task SeedAsync(IServiceProvider services, Guid organizationId, IReadOnlyList<(Guid UserId, string Role)> staff)
    {
        var db = services.GetRequiredService<TactusDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var name = (await db.Organizations.SingleAsync(o => o.Id == organizationId)).Name;
        db.BillingProfiles.Add(new BillingProfile
        {
            OrganizationId = organizationId, LegalName = name, Npi = OrganizationNpi, TaxId = "123456789", AddressLine = "100 River St",
            City = "Portland", State = "OR", PostalCode = "972010001", ContactPhone = "5035550100",
            SubmitterId = "TACTUSDEMO", ReceiverId = "DEMOCLEARING", ReceiverName = "DEMO CLEARINGHOUSE",
        });

        // Illustrative charges per unit, not a published fee schedule.
        foreach (var (code, amount) in new[] { ("97124", 45m), ("97140", 50m), ("97112", 50m), ("97110", 45m), ("97010", 15m), ("96127", 10m) })
        {
            db.FeeSchedule.Add(new FeeScheduleEntry { OrganizationId = organizationId, Code = code, Amount = amount });
        }

        var lakeside = new Payer
        {
            OrganizationId = organizationId, Name = "Lakeside Health Plan", PayerIdentifier = "LHP01", ClaimFilingIndicator = "CI",
            UnitRule = TimedUnitRule.Ama, RequiresAuthorization = true, RequiresReferringProvider = true, VisitLimitPerYear = 20,
        };
        var medicare = new Payer
        {
            OrganizationId = organizationId, Name = "Medicare Part B (demo jurisdiction)", PayerIdentifier = "MCRDEMO", ClaimFilingIndicator = "MB",
            UnitRule = TimedUnitRule.Cms, RequiredTherapyModifiers = ["GP"], RequiresReferringProvider = true,
            AcceptedRenderingDisciplines = ["physician", "physical-therapist", "occupational-therapist"],
        };
        var workers = new Payer
        {
            OrganizationId = organizationId, Name = "Cascade Workers' Compensation", PayerIdentifier = "CWC77", ClaimFilingIndicator = "WC",
            UnitRule = TimedUnitRule.Cms, RequiresReferringProvider = true,
        };
        db.Payers.AddRange(lakeside, medicare, workers);
        await db.SaveChangesAsync();

        var therapist = staff.First(s => s.Role == Roles.Therapist).UserId;
        var referrals = await db.Referrals.Where(r => r.OrganizationId == organizationId && r.AssignedTherapistId == therapist)
            .OrderBy(r => r.CreatedAt).ToListAsync();
        var inTreatment = referrals.Where(r => r.Status == ReferralStatus.Scheduled).Take(2).ToList();
        var coding = services.GetRequiredService<VisitCodingWorkflow>();
        for (var i = 0; i < inTreatment.Count; i++)
        {
            var referral = inTreatment[i];
            var coverage = new PatientCoverage
            {
                OrganizationId = organizationId, PatientId = referral.PatientId, PayerId = i == 0 ? lakeside.Id : medicare.Id,
                MemberId = i == 0 ? "LHP55501234" : "1EG4TE5MK73", GroupNumber = i == 0 ? "GRP100" : null,
                Relationship = SubscriberRelationship.Self, StartsOn = today.AddYears(-1),
            };
            db.Coverages.Add(coverage);
            if (i == 0)
            {
                db.Authorizations.Add(new Authorization
                {
                    OrganizationId = organizationId, PatientId = referral.PatientId, CoverageId = coverage.Id, ReferralId = referral.Id,
                    Number = "AUTH-7741", VisitsApproved = 4, StartsOn = today.AddDays(-30), EndsOn = today.AddDays(60),
                });
            }

            var sessions = new[]
            {
                Visit(referral, therapist, today.AddDays(-14), new("swedish", "lower-back-left", 30, 3), new("myofascial-release", "neck-back", 15, 3)),
                Visit(referral, therapist, today.AddDays(-7), new("swedish", "lower-back-left", 25, 3), new("trigger-point", "lower-back-left", 10, 4)),
            };
            referral.Start(therapist, sessions[0].CheckedInAt);
            db.TreatmentSessions.AddRange(sessions);
            await db.SaveChangesAsync();
            foreach (var session in sessions)
            {
                await coding.DraftAsync(session, CancellationToken.None);
            }
        }
    }

    private static TreatmentSession Visit(Referral referral, Guid therapist, DateOnly day, params TechniqueApplied[] techniques)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var session = new TreatmentSession
        {
            OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, TherapistId = therapist,
            SessionDate = day, CheckedInAt = at, CheckIn = new CheckIn(6, 5, new Tactus.Web.Features.Screening.HealthChanges()),
        };
        session.Document(new SessionNote
        {
            Subjective = "Low back ache 6/10, worse after sitting at work.", Objective = "Hypertonic lumbar paraspinals, tender upper trapezius.",
            Assessment = "Tolerated moderate pressure well.", Plan = "Continue weekly; home stretching reviewed.",
            Techniques = [.. techniques], PainAfter = 3, StressAfter = 2, PatientResponse = "Reported easier movement.",
        });
        session.Sign(therapist, at.AddHours(1));
        return session;
    }
}
