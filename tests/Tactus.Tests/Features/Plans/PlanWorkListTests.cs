using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Features.Plans;

/// <summary>
/// The plans and safety work-list at a real clinic's size: more rows than a page, and more than any fixed number
/// read into memory. The longest-waiting plan comes first and every waiting plan is reachable through the pages;
/// every adverse event is listed however many uneventful notes were signed since.
/// </summary>
public abstract partial class PlanWorkListTests(TactusApp app)
{
    [Fact]
    public async Task ManyCertifiedPlans_NewPlansAwaitingCertification_AreAllListedOldestFirstAcrossPages()
    {
        var (referral, therapistId) = await OpenReferralAsync();
        var start = app.Clock.GetUtcNow().AddDays(-30);
        var drafts = new List<Guid>();
        await app.WithDbAsync(async db =>
        {
            // 520 older plans, certified and not yet due: a list that reads the first 500 plans never reaches the rest.
            for (var i = 0; i < 520; i++)
            {
                var plan = NewPlan(referral, therapistId, start.AddMinutes(-1000 + i));
                plan.Sign(therapistId, start);
                plan.Certify(referral.ReferringClinicianId, app.Clock.GetUtcNow(), recertifyAfterDays: 90);
                db.Plans.Add(plan);
            }

            for (var i = 0; i < 60; i++)
            {
                var plan = NewPlan(referral, therapistId, start.AddMinutes(i));
                drafts.Add(plan.Id);
                db.Plans.Add(plan);
            }

            return await db.SaveChangesAsync();
        });
        var manager = await app.AsAsync(Roles.Manager);

        var listed = new List<Guid>();
        for (var page = 1; page <= 10; page++)
        {
            var html = await manager.GetStringAsync($"/Plans?pageNumber={page}");
            var ids = PlanLink().Matches(Section(html, "plans-awaiting")).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
            if (ids.Count == 0)
            {
                break;
            }

            Assert.True(ids.Count <= Tactus.Web.Features.Plans.IndexModel.PageSize);
            listed.AddRange(ids);
        }

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(drafts, listed.Where(drafts.Contains).ToList());
    }

    [Fact]
    public async Task AnOlderAdverseEvent_IsListedBehindManyNewerUneventfulNotes()
    {
        var (referral, therapistId) = await OpenReferralAsync();
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddYears(-3);
        var eventful = Guid.Empty;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 520; i++)
            {
                var session = NewSession(referral, therapistId, day.AddDays(i + 1));
                session.Document(new SessionNote { Subjective = "Felt fine." });
                session.Sign(therapistId, app.Clock.GetUtcNow());
                db.TreatmentSessions.Add(session);
            }

            var older = NewSession(referral, therapistId, day);
            older.Document(new SessionNote { AdverseEvents = [new AdverseEvent("Bruising", AdverseSeverity.Mild, "Left calf")] });
            older.Sign(therapistId, app.Clock.GetUtcNow());
            eventful = older.Id;
            db.TreatmentSessions.Add(older);
            return await db.SaveChangesAsync();
        });
        var manager = await app.AsAsync(Roles.Manager);

        var html = await manager.GetStringAsync("/Plans");

        Assert.Contains($"/Sessions/Edit/{eventful}", Section(html, "adverse-events"), StringComparison.Ordinal);
    }

    private async Task<(Referral Referral, Guid TherapistId)> OpenReferralAsync()
    {
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var referral = await app.WithDbAsync(db => db.Referrals.AsNoTracking()
            .Where(r => r.AssignedTherapistId == therapistId && r.Status == ReferralStatus.InProgress).OrderBy(r => r.Id).FirstAsync());
        return (referral, therapistId);
    }

    /// <summary>A plan certified for two visits is due for re-certification once the second is signed, long before its date.</summary>
    [Fact]
    public async Task CertifiedPlan_IsDueForRecertification_WhenItsVisitsAreSigned()
    {
        var (referral, therapistId) = await OpenReferralAsync();
        var plan = new PlanOfCare
        {
            OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, AuthorId = therapistId,
            SessionsPerWeek = 1, Weeks = 2, CreatedAt = app.Clock.GetUtcNow().AddDays(-400), RecertifyAfterVisits = 2,
        };
        // Waiting longest of all (first on the list's first page), and not due by date for another year.
        plan.Sign(therapistId, plan.CreatedAt);
        plan.Certify(referral.ReferringClinicianId, plan.CreatedAt, recertifyAfterDays: 765);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var sessions = new[] { today.AddDays(-300), today.AddDays(-299) }.Select(day => new TreatmentSession
        {
            OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, TherapistId = therapistId, PlanId = plan.Id,
            SessionDate = day, CheckedInAt = app.Clock.GetUtcNow(), CheckIn = new CheckIn(5, 4, new Tactus.Web.Features.Screening.HealthChanges()),
        }).ToList();
        sessions.ForEach(session => session.Document(new SessionNote { Techniques = [new TechniqueApplied("swedish", "neck-back", 30, 3)], PainAfter = 3 }));
        await app.WithDbAsync(async db =>
        {
            db.Plans.Add(plan);
            db.TreatmentSessions.AddRange(sessions);
            return await db.SaveChangesAsync();
        });
        var therapist = await app.AsAsync(Roles.Therapist);
        var manager = await app.AsAsync(Roles.Manager);

        var signedOne = await therapist.PostAsync($"/api/sessions/{sessions[0].Id}/sign", null);
        var afterOne = await manager.GetStringAsync("/Plans");
        var signedTwo = await therapist.PostAsync($"/api/sessions/{sessions[1].Id}/sign", null);
        var afterTwo = await manager.GetStringAsync("/Plans");

        Assert.True(signedOne.IsSuccessStatusCode && signedTwo.IsSuccessStatusCode, await signedTwo.Content.ReadAsStringAsync());
        Assert.DoesNotContain(plan.Id.ToString(), Section(afterOne, "plans-awaiting"), StringComparison.Ordinal);
        Assert.Contains(plan.Id.ToString(), Section(afterTwo, "plans-awaiting"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Plans.Where(p => p.Id == plan.Id).Select(p => p.SignedVisits).SingleAsync()));
    }

    /// <summary>A plan due for re-certification waits on nobody once its patient is discharged: it leaves the list.</summary>
    [Fact]
    public async Task DuePlan_LeavesTheList_WhenItsReferralIsDischarged()
    {
        var (open, therapistId) = await OpenReferralAsync();
        var now = app.Clock.GetUtcNow();
        var referral = new Referral
        {
            OrganizationId = open.OrganizationId, PatientId = open.PatientId, ReferringClinicianId = open.ReferringClinicianId,
            EnteredById = open.ReferringClinicianId, Reason = "Neck pain after a fall.", VisitsRequested = 6, CreatedAt = now.AddDays(-200),
            Diagnoses = [new ReferralDiagnosis { Rank = 1, Code = "M54.2", Display = "Cervicalgia" }],
        };
        referral.Send(open.ReferringClinicianId, now.AddDays(-200));
        referral.Accept(therapistId, now.AddDays(-199));
        referral.AssignTherapist(therapistId);
        referral.Start(therapistId, now.AddDays(-190));
        var plan = NewPlan(referral, therapistId, now.AddDays(-190));
        plan.Sign(therapistId, now.AddDays(-190));
        // Certified for 60 days, 130 days ago: due for re-certification by date.
        plan.Certify(referral.ReferringClinicianId, now.AddDays(-190), recertifyAfterDays: 60);
        await app.WithDbAsync(async db =>
        {
            db.Referrals.Add(referral);
            db.Plans.Add(plan);
            return await db.SaveChangesAsync();
        });
        var manager = await app.AsAsync(Roles.Manager);
        var therapist = await app.AsAsync(Roles.Therapist);

        var whileOpen = await manager.GetStringAsync("/Plans");
        var discharged = await therapist.PostAsync($"/api/referrals/{referral.Id}/discharge", null);
        var afterDischarge = await manager.GetStringAsync("/Plans");

        Assert.Contains(plan.Id.ToString(), Section(whileOpen, "plans-awaiting"), StringComparison.Ordinal);
        Assert.True(discharged.IsSuccessStatusCode, await discharged.Content.ReadAsStringAsync());
        Assert.DoesNotContain(plan.Id.ToString(), Section(afterDischarge, "plans-awaiting"), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan.Id));
        Assert.Equal((false, (DateOnly?)null), (stored.EpisodeOpen, stored.ActionDueOn));
    }

    private static PlanOfCare NewPlan(Referral referral, Guid authorId, DateTimeOffset createdAt) => new()
    {
        OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, AuthorId = authorId,
        SessionsPerWeek = 1, Weeks = 6, CreatedAt = createdAt, RecertifyAfterVisits = 1000,
    };

    private TreatmentSession NewSession(Referral referral, Guid therapistId, DateOnly date) => new()
    {
        OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, TherapistId = therapistId,
        SessionDate = date, CheckedInAt = app.Clock.GetUtcNow(), CheckIn = new CheckIn(3, 3, new Tactus.Web.Features.Screening.HealthChanges()),
    };

    private static string Section(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("/Plans/Details/([0-9a-f-]{36})")]
    private static partial Regex PlanLink();
}

public sealed class PlanWorkListSqliteTests(SqliteApp app) : PlanWorkListTests(app), IClassFixture<SqliteApp>;

public sealed class PlanWorkListPostgreSqlTests(PostgreSqlApp app) : PlanWorkListTests(app), IClassFixture<PostgreSqlApp>;
