using Bogus;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Data.Seed;

/// <summary>
/// A clinic at the size of a health system, for benchmarks and load tests: the patients of <see cref="SyntheticClinic"/>
/// (same seed, same people) and, for most of them, an episode of care as the product would record it: a referral sent
/// by a clinician and taken through its states, a health history with consent (one in ten declining data use), a plan of care signed and certified, weekly signed sessions with pain
/// and stress before and after, and the pain scale (NPRS) at baseline and every third visit, scored by the product's
/// own scoring. Written in batches with <see cref="BulkInsert"/> (COPY on PostgreSQL), each batch one transaction
/// with one audit entry that says what was loaded. About five sessions a patient on average.
/// </summary>
public static class SyntheticVolume
{
    public sealed record Counts(int Patients, int Referrals, int Plans, int Sessions, int Responses)
    {
        public static Counts operator +(Counts a, Counts b) =>
            new(a.Patients + b.Patients, a.Referrals + b.Referrals, a.Plans + b.Plans, a.Sessions + b.Sessions, a.Responses + b.Responses);
    }

    private const string PainScale = "NPRS";

    private sealed class Batch
    {
        public List<Patient> Patients { get; } = [];
        public List<PatientNameWord> NameWords { get; } = [];
        public List<Condition> Conditions { get; } = [];
        public List<CareTeamMember> CareTeam { get; } = [];
        public List<Referral> Referrals { get; } = [];
        public List<PlanOfCare> Plans { get; } = [];
        public List<TreatmentSession> Sessions { get; } = [];
        public List<MeasureResponse> Responses { get; } = [];
        public List<Features.Intake.PatientIntake> Intakes { get; } = [];

        public Counts Counts => new(Patients.Count, Referrals.Count, Plans.Count, Sessions.Count, Responses.Count);
    }

    /// <param name="painScale">The pain scale's definition, scored with the product's own scoring (band and total as a real entry gets them).</param>
    public static async Task<Counts> GenerateAsync(TactusDbContext db, Guid organizationId, int count, int seed,
        IReadOnlyList<SyntheticClinic.CareTeamAssignment> careTeam, InstrumentDefinition painScale, TimeProvider time, IProgress<Counts>? progress = null,
        int batchSize = 5_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var firstMrn = await SyntheticClinic.ReserveMrnsAsync(db, organizationId, count, cancellationToken);
        var people = new Faker("en") { Random = new Randomizer(seed) };
        // Episodes draw from their own generator, so the same seed gives the same people with or without them.
        var care = new Randomizer(seed + 1);
        var now = time.GetStorageNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var clinicians = careTeam.Where(m => m.Role == Features.Access.Roles.Clinician).Select(m => m.UserId).ToList();
        var therapists = careTeam.Where(m => m.Role == Features.Access.Roles.Therapist).Select(m => m.UserId).ToList();
        var total = new Counts(0, 0, 0, 0, 0);
        for (var start = 0; start < count; start += batchSize)
        {
            var batch = new Batch();
            for (var index = start; index < Math.Min(count, start + batchSize); index++)
            {
                var patient = SyntheticClinic.NewPatient(people, organizationId, SyntheticClinic.FormatMrn(firstMrn + index), today, now, careTeam, index);
                batch.Patients.Add(patient);
                batch.NameWords.AddRange(PatientNameWord.For(patient));
                batch.Conditions.AddRange(patient.Conditions);
                batch.CareTeam.AddRange(patient.CareTeam);
                // Most referred patients start an episode; the rest are new referrals not yet seen, as in a real work-list.
                if (clinicians.Count > 0 && therapists.Count > 0 && care.Double() < 0.85)
                {
                    AddEpisode(batch, patient, clinicians[index % clinicians.Count], therapists[index % therapists.Count], care, painScale, today);
                }
            }

            await WriteAsync(db, batch, organizationId, now, cancellationToken);
            total += batch.Counts;
            progress?.Report(total);
        }

        return total;
    }

    private static void AddEpisode(Batch batch, Patient patient, Guid clinician, Guid therapist, Randomizer random, InstrumentDefinition painScale, DateOnly today)
    {
        var referred = At(today.AddDays(-random.Int(10, 420)), 9);
        var referral = new Referral
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, ReferringClinicianId = clinician, EnteredById = clinician,
            Reason = $"{patient.Conditions[0].Display}: massage therapy for pain and function.", VisitsRequested = 8,
            Urgency = ReferralUrgency.Routine, CreatedAt = referred,
            Diagnoses = [.. patient.Conditions.Select((c, rank) => new ReferralDiagnosis { Rank = rank + 1, Code = c.Code, Display = c.Display })],
        };
        referral.Send(clinician, referred);
        referral.Accept(therapist, referred.AddDays(1));
        referral.AssignTherapist(therapist);
        referral.Schedule(therapist, referred.AddDays(2));
        batch.Referrals.Add(referral);
        // The health history taken at intake; one patient in ten declines data use for research, so a research export
        // has someone to leave out. Decided by position, not by the random generator, so the episodes stay as they were.
        batch.Intakes.Add(new Features.Intake.PatientIntake
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, RecordedAt = referred.AddDays(2), RecordedById = therapist,
            Answers = new IntakeAnswers(), Preferences = new Features.Intake.IntakePreferences(), ConsentToTreatment = true, ConsentGivenBy = "patient",
            ConsentToDataUse = batch.Referrals.Count % 10 != 0,
        });

        var visits = Enumerable.Range(1, random.Int(2, 11)).Select(n => DateOnly.FromDateTime(referred.UtcDateTime).AddDays(7 * n))
            .Where(day => day <= today).ToList();
        if (visits.Count == 0)
        {
            return;
        }

        var plan = new PlanOfCare
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, ReferralId = referral.Id, AuthorId = therapist, SessionsPerWeek = 1, Weeks = 8,
            Techniques = ["swedish", "myofascial-release"], CreatedAt = At(visits[0], 11), RecertifyAfterVisits = 10, ReportEveryVisits = 4,
            Goals = [new PlanGoal { Description = "Pain at most 3 out of 10 on most days.", Instrument = PainScale, Target = "≤ 3" }],
            Measures = [new MeasureSchedule { Instrument = PainScale, EveryVisits = 3 }],
        };
        plan.Sign(therapist, At(visits[0], 11));
        plan.Certify(clinician, At(visits[0], 16), 90);
        batch.Plans.Add(plan);
        referral.Start(therapist, At(visits[0], 10));

        var pain = random.Int(5, 8);
        for (var visit = 0; visit < visits.Count; visit++)
        {
            var day = visits[visit];
            var painBefore = Math.Clamp(pain - (visit / 2) + random.Int(-1, 1), 0, 10);
            var session = new TreatmentSession
            {
                OrganizationId = patient.OrganizationId, PatientId = patient.Id, ReferralId = referral.Id, PlanId = plan.Id, TherapistId = therapist,
                SessionDate = day, CheckedInAt = At(day, 10), CheckIn = new CheckIn(painBefore, random.Int(2, 7), new HealthChanges()),
            };
            session.Document(new SessionNote
            {
                Subjective = $"Pain {painBefore}/10 since the last visit.", Objective = "Hypertonic paraspinals; tender upper trapezius.",
                Assessment = "Tolerated moderate pressure.", Plan = "Continue weekly.",
                Techniques = [new TechniqueApplied("swedish", "lower-back-left", 30, 3), new TechniqueApplied("myofascial-release", "neck-back", 15, 3)],
                PainAfter = Math.Max(0, painBefore - random.Int(1, 3)), StressAfter = random.Int(1, 3), PatientResponse = "Moved more easily.",
            });
            session.Sign(therapist, At(day, 11));
            batch.Sessions.Add(session);

            if (visit % 3 == 0)
            {
                var answers = new Dictionary<string, int?> { ["pain"] = painBefore };
                var score = Scoring.Score(painScale, answers);
                batch.Responses.Add(new MeasureResponse
                {
                    OrganizationId = patient.OrganizationId, PatientId = patient.Id, Instrument = PainScale, Answers = answers, EnteredById = therapist,
                    CompletedAt = At(day, 10), Total = score.Total, Band = score.Band, BandConvention = score.Band is null ? null : painScale.BandConvention,
                });
            }
        }

        plan.CountSignedVisits(visits.Count, visits.Count >= plan.RecertifyAfterVisits ? visits[plan.RecertifyAfterVisits - 1] : null);
        // Episodes that ended (eight visits, or none for four weeks) are discharged, as a programme would: the open
        // caseload is the recent one, not every patient ever referred.
        if (visits.Count >= 8 || visits[^1] < today.AddDays(-28))
        {
            referral.Discharge(therapist, At(visits[^1], 12));
            plan.CloseEpisode();
        }
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    private static async Task WriteAsync(TactusDbContext db, Batch batch, Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkInsert.WriteAsync(db, batch.Patients, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.NameWords, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.Conditions, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.CareTeam, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.Referrals, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.Intakes, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.Plans, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.Sessions, cancellationToken);
        await BulkInsert.WriteAsync(db, batch.Responses, cancellationToken);
        // One entry says what this batch loaded (a synthetic load, not a person's change of a record); it commits with the rows.
        var counts = batch.Counts;
        await AuditAppender.AppendAsync(db, [new AuditRecord(now, organizationId, null, "generate", "system", AuditActions.Create, nameof(Patient), null, null, null,
            AuditOutcomes.Success, $"synthetic load: {counts.Patients} patients ({batch.Patients[0].Mrn}–{batch.Patients[^1].Mrn}), {counts.Referrals} referrals, "
            + $"{counts.Plans} plans, {counts.Sessions} sessions, {counts.Responses} questionnaires")], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
