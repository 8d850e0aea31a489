using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Data;

/// <summary>
/// The volume generator writes around the change tracker (COPY on PostgreSQL, multi-row INSERTs on SQLite), so these
/// check that what it wrote is what the product reads: each row loads through EF with its owned rows and JSON
/// documents intact, the patients are found by the product's own search, scores are the product's scoring, and the
/// audit chain (one entry per batch) still verifies.
/// </summary>
public abstract class SyntheticVolumeTests(TactusApp app)
{
    private const int Patients = 60;

    [Fact]
    public async Task Generated_Episodes_ReadBackThroughTheProduct()
    {
        var (organizationId, firstMrn, counts) = await app.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Slug == TactusApp.OtherOrganizationSlug);
            var firstMrn = SyntheticClinic.FormatMrn(organization.NextMrnNumber);
            var careTeam = await db.Users.Where(u => u.OrganizationId == organization.Id)
                .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, ur.RoleId })
                .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.Id, r.Name })
                .Where(x => x.Name == Roles.Therapist || x.Name == Roles.Clinician)
                .Select(x => new SyntheticClinic.CareTeamAssignment(x.Id, x.Name!)).ToListAsync();
            var painScale = app.Services.GetRequiredService<InstrumentCatalog>().Find("NPRS")!;
            // Small batches, so several transactions (and audit entries) are written.
            var counts = await SyntheticVolume.GenerateAsync(db, organization.Id, Patients, seed: 5, careTeam, painScale, app.Clock, batchSize: 25);
            return (organization.Id, firstMrn, counts);
        });

        var stored = await app.WithDbAsync(async db =>
        {
            var patients = await db.Patients.AsNoTracking().Include(p => p.Conditions).Include(p => p.CareTeam)
                .Where(p => p.OrganizationId == organizationId && string.Compare(p.Mrn, firstMrn) >= 0).ToListAsync();
            var ids = patients.Select(p => p.Id).ToList();
            return new
            {
                Patients = patients,
                Referrals = await db.Referrals.AsNoTracking().Where(r => ids.Contains(r.PatientId)).ToListAsync(),
                Plans = await db.Plans.AsNoTracking().Where(p => ids.Contains(p.PatientId)).ToListAsync(),
                Sessions = await db.TreatmentSessions.AsNoTracking().Where(s => ids.Contains(s.PatientId)).ToListAsync(),
                Responses = await db.MeasureResponses.AsNoTracking().Where(r => ids.Contains(r.PatientId)).ToListAsync(),
            };
        });
        var verified = await app.WithDbAsync(db => AuditVerifier.VerifyAllAsync(db, new AuditCheckpointKey(Convert.FromBase64String(TactusApp.CheckpointKey))));
        var painScale = app.Services.GetRequiredService<InstrumentCatalog>().Find("NPRS")!;
        var manager = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);
        var someone = stored.Patients[Patients / 2];
        var found = await manager.GetStringAsync($"/api/patients?name={Uri.EscapeDataString(someone.FamilyName[..3] + " " + someone.GivenName[..2])}&pageSize=100");
        var record = await manager.GetAsync($"/Patients/Details/{stored.Referrals[0].PatientId}");

        Assert.Equal(Patients, counts.Patients);
        Assert.Equal(counts.Patients, stored.Patients.Count);
        Assert.All(stored.Patients, p => Assert.InRange(p.Conditions.Count, 1, 3));
        Assert.All(stored.Patients, p => Assert.NotEmpty(p.CareTeam));
        Assert.Equal(counts.Referrals, stored.Referrals.Count);
        Assert.InRange(counts.Referrals, Patients / 2, Patients);
        Assert.All(stored.Referrals, r => Assert.Equal(stored.Patients.Single(p => p.Id == r.PatientId).Conditions.Count, r.Diagnoses.Count));
        Assert.All(stored.Referrals, r => Assert.Equal(ReferralStatus.Sent, r.StatusChanges.OrderBy(c => c.At).First().To));
        Assert.All(stored.Referrals, r => Assert.Equal(r.Status, r.StatusChanges.OrderBy(c => c.At).Last().To));
        Assert.Equal(counts.Plans, stored.Plans.Count);
        Assert.All(stored.Plans, p => Assert.Equal((PlanStatus.Certified, 1, 1), (p.Status, p.Goals.Count, p.Measures.Count)));
        Assert.Equal(counts.Sessions, stored.Sessions.Count);
        Assert.All(stored.Sessions, s => Assert.Equal((SessionStatus.Signed, 2), (s.Status, s.Note.Techniques.Count)));
        Assert.All(stored.Sessions, s => Assert.True(s.Note.PainAfter <= s.CheckIn.PainBefore));
        Assert.Equal(counts.Responses, stored.Responses.Count);
        Assert.All(stored.Responses, r =>
        {
            var scored = Scoring.Score(painScale, r.Answers);
            Assert.Equal((scored.Total, scored.Band), (r.Total, r.Band));
        });
        Assert.True(verified.IsIntact, verified.ToString());
        Assert.Contains(someone.Mrn, found, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
    }
}

public sealed class SyntheticVolumeSqliteTests(SqliteApp app) : SyntheticVolumeTests(app), IClassFixture<SqliteApp>;

public sealed class SyntheticVolumePostgreSqlTests(PostgreSqlApp app) : SyntheticVolumeTests(app), IClassFixture<PostgreSqlApp>;
