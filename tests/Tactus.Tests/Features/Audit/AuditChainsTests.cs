using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Features.Audit;

/// <summary>
/// The audit scales with the clinic, not with the product (issue: "an audit that scales"): each
/// organisation appends to its own chain, so one clinic's traffic never waits on another's, and a
/// read is recorded once per request, patient and kind of record, naming the records read.
/// </summary>
public abstract class AuditChainsTests(TactusApp app)
{
    [Fact]
    public async Task EachOrganization_AppendsToItsOwnChain_NumberedFromOne()
    {
        var (riverside, harbor) = await app.WithDbAsync(async db => (
            await db.Organizations.Where(o => o.Slug == "riverside").Select(o => o.Id).SingleAsync(),
            await db.Organizations.Where(o => o.Slug == TactusApp.OtherOrganizationSlug).Select(o => o.Id).SingleAsync()));
        var harborBefore = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.ChainId == harbor));
        var riversideBefore = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.ChainId == riverside));

        var client = await app.AsAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/patients")).StatusCode);
        var riversideAfter = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.ChainId == riverside));
        var harborAfter = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.ChainId == harbor));
        var riversideSequences = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(e => e.OrganizationId == riverside).OrderBy(e => e.Sequence).Select(e => new { e.ChainId, e.Sequence }).ToListAsync());

        Assert.Equal(0, riversideBefore.StartSequence);
        Assert.True(riversideAfter.LastSequence > riversideBefore.LastSequence);
        Assert.Equal((harborBefore.LastSequence, harborBefore.LastHash), (harborAfter.LastSequence, harborAfter.LastHash));
        Assert.All(riversideSequences, e => Assert.Equal(riverside, e.ChainId));
        Assert.Equal(Enumerable.Range(1, riversideSequences.Count).Select(i => (long)i), riversideSequences.Select(e => e.Sequence));
    }

    [Fact]
    public async Task RecordPage_WritesOneReadEntryPerPatientAndKind_ListingTheRecordsRead()
    {
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var patientId = await app.WithDbAsync(db => db.TreatmentSessions
            .Where(s => db.CareTeamMembers.Any(m => m.PatientId == s.PatientId && m.UserId == therapistId))
            .GroupBy(s => s.PatientId).Where(g => g.Count() >= 2).Select(g => g.Key).FirstAsync());
        var sessionIds = await app.WithDbAsync(db => db.TreatmentSessions.Where(s => s.PatientId == patientId).Select(s => s.Id).ToListAsync());
        var client = await app.AsAsync(Roles.Therapist);
        var before = await app.LastAuditSequenceAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Patients/Details/{patientId}")).StatusCode);
        var reads = (await app.AuditAfterAsync(before)).Where(e => e.Action == AuditActions.Read && e.UserId == therapistId).ToList();
        var sessionRead = Assert.Single(reads, e => e.EntityType == nameof(TreatmentSession));

        Assert.All(reads.GroupBy(e => (e.PatientId, e.EntityType)), group => Assert.Single(group));
        Assert.Equal(patientId, sessionRead.PatientId);
        Assert.Null(sessionRead.EntityId);
        Assert.StartsWith(AuditLog.ReadIdsPrefix, sessionRead.Detail, StringComparison.Ordinal);
        Assert.All(sessionIds, id => Assert.Contains(id.ToString(), sessionRead.Detail, StringComparison.Ordinal));
    }
}

public sealed class AuditChainsSqliteTests(SqliteApp app) : AuditChainsTests(app), IClassFixture<SqliteApp>;

public sealed class AuditChainsPostgreSqlTests(PostgreSqlApp app) : AuditChainsTests(app), IClassFixture<PostgreSqlApp>;
