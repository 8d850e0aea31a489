using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Medications;
using Tactus.Web.Features.Outcomes;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Features.Utilisation;

namespace Tactus.Tests.Features.Outcomes;

/// <summary>The value report tests' programme: what each episode is, its costs by hand, and how it is loaded into the second clinic.</summary>
public abstract partial class ProgrammeValueTests
{
    private const int PerArm = 12;
    private const decimal CostPerVisit = 80, StaffMinutes = 15, StaffPerHour = 40, Overhead = 10, Imaging = 300, Emergency = 900;

    private sealed record Planned(bool Treated, int Visits, int Baseline, int Latest, DateTimeOffset Referred, List<(UtilisationKind Kind, int DaysAfter, decimal? Cost)> Use);

    private static readonly List<Planned> Programme = Build();

    /// <summary>The days after the first EQ-5D-5L on which the next two were completed.</summary>
    private static readonly int[] UtilityDays = [0, 28, 84];

    private static List<Planned> Build()
    {
        // Noon UTC: the same calendar day in the clinic's zone (Los Angeles), so a period filter by the clinic's days cuts where the test means.
        var today = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
        var list = new List<Planned>();
        for (var i = 0; i < PerArm; i++)
        {
            List<(UtilisationKind, int, decimal?)> use = [];
            if (i % 2 == 0) use.Add((UtilisationKind.Imaging, 10, null));
            if (i % 3 == 0) use.Add((UtilisationKind.Injection, 20, 250m));
            use.Add((UtilisationKind.Surgery, 200, 9000m)); // outside the 180-day window: never counted
            list.Add(new Planned(true, 2 + i % 3, 7, 7 - i % 4, today.AddDays(-(300 + i)), use));
        }

        for (var i = 0; i < PerArm; i++)
        {
            List<(UtilisationKind, int, decimal?)> use = [];
            if (i % 4 == 0) use.Add((UtilisationKind.EmergencyVisit, 30, null));
            if (i % 2 == 1) use.Add((UtilisationKind.Imaging, 40, null));
            use.Add((UtilisationKind.Imaging, -5, null)); // before the referral: never counted
            list.Add(new Planned(false, 0, 6, 6 - i % 2, today.AddDays(-(300 + i)), use));
        }

        return list;
    }

    /// <summary>The same arithmetic by hand: each visit (80 + 15 min at 40/h) with 10 % overhead, plus use in the window at its cost or the price list.</summary>
    private static double CostOf(Planned p) =>
        (double)(p.Visits * (CostPerVisit + StaffMinutes * StaffPerHour / 60) * (1 + Overhead / 100))
        + (double)p.Use.Where(u => u.DaysAfter is >= 0 and < 180).Sum(u => u.Cost ?? (u.Kind == UtilisationKind.Imaging ? Imaging : u.Kind == UtilisationKind.EmergencyVisit ? Emergency : 0));

    public async ValueTask InitializeAsync()
    {
        await app.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Slug == TactusApp.OtherOrganizationSlug);
            if (await db.UtilisationEvents.IgnoreQueryFilters().AnyAsync(e => e.OrganizationId == organization.Id))
            {
                return 0;
            }

            var therapist = await UserAsync(db, organization.Id, Roles.Therapist);
            var clinician = await UserAsync(db, organization.Id, Roles.Clinician);
            var painScale = app.Services.GetRequiredService<InstrumentCatalog>().Find("NPRS")!;
            var faker = new Faker("en") { Random = new Randomizer(63) };
            var firstMrn = await SyntheticClinic.ReserveMrnsAsync(db, organization.Id, Programme.Count, CancellationToken.None);
            var now = app.Clock.GetUtcNow();
            List<Patient> patients = []; List<Referral> referrals = []; List<TreatmentSession> sessions = []; List<MeasureResponse> responses = []; List<UtilisationEvent> events = [];
            for (var i = 0; i < Programme.Count; i++)
            {
                var planned = Programme[i];
                var patient = SyntheticClinic.NewPatient(faker, organization.Id, SyntheticClinic.FormatMrn(firstMrn + i), DateOnly.FromDateTime(now.UtcDateTime), now,
                    [new SyntheticClinic.CareTeamAssignment(therapist, Roles.Therapist)], i);
                patients.Add(patient);
                var referral = new Referral
                {
                    OrganizationId = organization.Id, PatientId = patient.Id, ReferringClinicianId = clinician, EnteredById = clinician, Reason = "Low back pain.",
                    VisitsRequested = 6, Urgency = ReferralUrgency.Routine, CreatedAt = planned.Referred,
                    Diagnoses = [new ReferralDiagnosis { Rank = 1, Code = "M54.50", Display = "Low back pain, unspecified" }],
                };
                referral.Send(clinician, planned.Referred);
                referrals.Add(referral);
                var day = DateOnly.FromDateTime(planned.Referred.UtcDateTime);
                for (var v = 0; v < planned.Visits; v++)
                {
                    var visitDay = day.AddDays(7 * (v + 1));
                    var session = new TreatmentSession
                    {
                        OrganizationId = organization.Id, PatientId = patient.Id, ReferralId = referral.Id, TherapistId = therapist, SessionDate = visitDay,
                        CheckedInAt = new DateTimeOffset(visitDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), CheckIn = new CheckIn(6, 4, new HealthChanges()),
                    };
                    // Pain 6 at check-in and 3 or 4 after (alternating), stress 4 and then 2.
                    session.Document(new SessionNote { Techniques = [new TechniqueApplied("swedish", "lower-back-left", 30, 3)], PainAfter = 3 + v % 2, StressAfter = 2 });
                    session.Sign(therapist, session.CheckedInAt.AddHours(1));
                    sessions.Add(session);
                }

                // The baseline on the referral's day, the later score 60 days on (inside the window for those who never started).
                // A treated patient also answered while waiting, three days after the referral (before the first visit at seven):
                // 0 or 1 point better than the baseline, alternating; it is neither the first nor the last score of the episode.
                var scores = new List<(int, DateTimeOffset)> { (planned.Baseline, planned.Referred.AddHours(2)), (planned.Latest, planned.Referred.AddDays(60)) };
                if (planned.Treated)
                {
                    scores.Add((planned.Baseline - i % 2, planned.Referred.AddDays(3)));
                }

                foreach (var (score, at) in scores)
                {
                    var answers = new Dictionary<string, int?> { ["pain"] = score };
                    var scored = Scoring.Score(painScale, answers);
                    responses.Add(new MeasureResponse
                    {
                        OrganizationId = organization.Id, PatientId = patient.Id, Instrument = "NPRS", Answers = answers, EnteredById = therapist, CompletedAt = at,
                        Total = scored.Total, Band = scored.Band, BandConvention = scored.Band is null ? null : painScale.BandConvention,
                    });
                }

                // EQ-5D-5L utilities as the organisation's value set gave them (the §6.3(b) example's values): the treated
                // 0.60, 0.70, 0.72 and the never-started 0.60, 0.64, 0.66, on the referral's day, 28 and 84 days on.
                double[] utilities = planned.Treated ? [0.60, 0.70, 0.72] : [0.60, 0.64, 0.66];
                responses.AddRange(utilities.Select((utility, k) => new MeasureResponse
                {
                    OrganizationId = organization.Id, PatientId = patient.Id, Instrument = "EQ-5D-5L", Answers = [], EnteredById = therapist,
                    CompletedAt = planned.Referred.AddHours(2).AddDays(UtilityDays[k]), Total = (decimal)utility,
                }));

                events.AddRange(planned.Use.Select(u => new UtilisationEvent
                {
                    OrganizationId = organization.Id, PatientId = patient.Id, Kind = u.Kind, OccurredOn = day.AddDays(u.DaysAfter),
                    Cost = u.Cost, Source = "imported", RecordedById = therapist, RecordedAt = now,
                }));
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.WriteAsync(db, patients, CancellationToken.None);
            await BulkInsert.WriteAsync(db, patients.SelectMany(p => p.Conditions).ToList(), CancellationToken.None);
            await BulkInsert.WriteAsync(db, patients.SelectMany(p => p.CareTeam).ToList(), CancellationToken.None);
            await BulkInsert.WriteAsync(db, referrals, CancellationToken.None);
            await BulkInsert.WriteAsync(db, sessions, CancellationToken.None);
            await BulkInsert.WriteAsync(db, responses, CancellationToken.None);
            await BulkInsert.WriteAsync(db, events, CancellationToken.None);
            await BulkInsert.WriteAsync(db, Opioids(patients, organization.Id, therapist, now), CancellationToken.None);
            await transaction.CommitAsync();
            return events.Count;
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Four treated patients took oxycodone 10 mg twice a day (30 MME/day, clinical.md §6.3(a)) from before the referral and
    /// stopped ten days after it, before their last visit; a fifth takes morphine 20 mg a day throughout (no change).
    /// </summary>
    private static List<OpioidStatement> Opioids(List<Patient> patients, Guid organizationId, Guid therapist, DateTimeOffset now)
    {
        var list = new List<OpioidStatement>();
        for (var i = 0; i < 5; i++)
        {
            var referred = DateOnly.FromDateTime(Programme[i].Referred.UtcDateTime);
            var statement = new OpioidStatement
            {
                OrganizationId = organizationId, PatientId = patients[i].Id, Opioid = i < 4 ? "oxycodone" : "morphine", Strength = i < 4 ? 10 : 20,
                DosesPerDay = i < 4 ? 2 : 1, MmePerDay = i < 4 ? 30 : 20, TakenFrom = referred.AddDays(-30), RecordedById = therapist, RecordedAt = now,
            };
            if (i < 4)
            {
                statement.Stop(referred.AddDays(10));
            }

            list.Add(statement);
        }

        return list;
    }

    private static Task<Guid> UserAsync(TactusDbContext db, Guid organizationId, string role) =>
        db.Users.Where(u => u.OrganizationId == organizationId)
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, ur.RoleId })
            .Join(db.Roles.Where(r => r.Name == role), x => x.RoleId, r => r.Id, (x, _) => x.Id).FirstAsync();
}
