using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Audit;

/// <summary>
/// Every change is audited in its own transaction, every read durably before its response
/// (PRODUCT.md; SR-13), on both stores.
/// </summary>
public abstract class AuditTrailTests(TactusApp app)
{
    [Fact]
    public async Task Create_WritesACreateEntryWithWhoWhatAndWhichPatient()
    {
        var client = await app.AsAsync(Roles.Manager);
        var managerId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Manager));

        var created = await (await client.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Audit","familyName":"Trail","birthDate":"1977-07-07"}"""))).ReadAsync<PatientDto>();
        var entries = await app.AuditForAsync(created!.Id);

        var create = Assert.Single(entries, e => e.Action == AuditActions.Create && e.EntityType == nameof(Patient));
        Assert.Equal((managerId, SignIn.DemoEmail(Roles.Manager), Roles.Manager, AuditOutcomes.Success, created.Id.ToString()),
            (create.UserId!.Value, create.Actor, create.Role, create.Outcome, create.EntityId));
        Assert.NotNull(create.OrganizationId);
    }

    [Fact]
    public async Task Update_RecordsWhichFieldsChangedButNotTheirValues()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Audit","familyName":"Fields","birthDate":"1977-07-07","phone":"(503) 555-0100"}"""))).ReadAsync<PatientDto>();

        await client.PutAsync($"/api/patients/{created!.Id}", Json.Body(
            """{"givenName":"Audit","familyName":"Fields","birthDate":"1977-07-07","phone":"(503) 555-0199","version":1}"""));
        var update = Assert.Single(await app.AuditForAsync(created.Id), e => e.Action == AuditActions.Update);

        Assert.Contains("Phone", update.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("555-0199", update.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSave_LeavesNeitherTheChangeNorItsAuditEntry()
    {
        var before = await app.LastAuditSequenceAsync();
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        var orphan = new Patient
        {
            OrganizationId = Guid.NewGuid(), Mrn = "MRN-ORPHAN", GivenName = "No", FamilyName = "Organisation",
            BirthDate = new DateOnly(1980, 1, 1), CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
        };
        db.Patients.Add(orphan);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(before, await app.LastAuditSequenceAsync());
        Assert.Empty(await app.AuditForAsync(orphan.Id));
        Assert.Equal(0, await app.WithDbAsync(d => d.Patients.CountAsync(p => p.Id == orphan.Id)));
    }

    [Fact]
    public async Task FailedSave_InsideACallersTransaction_LeavesNoAuditEntry_AndTheCallerCanCarryOn()
    {
        var organizationId = await app.WithDbAsync(db => db.Organizations.Where(o => o.Slug == "riverside").Select(o => o.Id).SingleAsync());
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        Patient New(Guid organization, string mrn) => new()
        {
            OrganizationId = organization, Mrn = mrn, GivenName = "In", FamilyName = "Transaction",
            BirthDate = new DateOnly(1980, 1, 1), CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
        };
        var orphan = New(Guid.NewGuid(), "MRN-TX-FAIL");
        var kept = New(organizationId, "MRN-TX-KEPT");

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Patients.Add(orphan);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Patients.Add(kept);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var verification = await app.WithDbAsync(d => AuditVerifier.VerifyAllAsync(d, app.CheckpointKeyOf()));
        Assert.Empty(await app.AuditForAsync(orphan.Id));
        Assert.Single(await app.AuditForAsync(kept.Id), e => e.Action == AuditActions.Create);
        Assert.True(verification.IsIntact, verification.ToString());
    }

    [Theory]
    [InlineData("/api/patients/{0}")]
    [InlineData("/Patients/Details/{0}")]
    [InlineData("/api/patients?pageSize=100")]
    public async Task Read_IsDurableBeforeTheResponseStarts(string url)
    {
        // The middleware also flushes after the response, which an in-memory client cannot tell apart; so the probe
        // (Infrastructure/ResponseStartProbe) reads the chain at the moment the response starts, and every read this
        // request caused must already be in it.
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var client = await app.AsAsync(Roles.Therapist);
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var before = await app.LastAuditSequenceAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, url, patient.Id));
        request.Headers.Add(ResponseStartProbe.Header, "1");
        var response = await client.SendAsync(request);
        var auditedAtStart = new AuditMark(response.Headers.GetValues(ResponseStartProbe.Header).Single());
        var reads = (await app.AuditAfterAsync(before)).Where(e => e.Action == AuditActions.Read && e.UserId == therapistId).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reads, e => e.EntityType == nameof(Patient) && e.PatientId == patient.Id && e.Outcome == AuditOutcomes.Success);
        Assert.All(reads, e => Assert.True(e.Sequence <= auditedAtStart.PositionOf(e.ChainId), $"{e.EntityType} {e.EntityId} was audited after the response started"));
    }

    [Fact]
    public async Task Read_OfARecordPageAndASearch_AuditsEveryPatientShown()
    {
        var client = await app.AsAsync(Roles.Therapist);
        var before = await app.LastAuditSequenceAsync();

        var page = await (await client.GetAsync("/api/patients?pageSize=100")).ReadAsync<PatientsApi.PatientPage>();
        var audited = (await app.AuditAfterAsync(before))
            .Where(e => e.Action == AuditActions.Read && e.EntityType == nameof(Patient)).Select(e => e.PatientId!.Value).ToHashSet();

        Assert.NotEmpty(page!.Items);
        Assert.All(page.Items, p => Assert.Contains(p.Id, audited));
    }

    [Fact]
    public async Task Read_OfNamesThroughAProjection_OnTheBillingDesk_IsAudited()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var billerId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Biller));
        var onDesk = await app.WithDbAsync(db => db.VisitCodings.Where(v => v.OrganizationId == db.Organizations.Single(o => o.Slug == "riverside").Id)
            .Select(v => v.PatientId).Distinct().ToListAsync());
        var before = await app.LastAuditSequenceAsync();

        var desk = await biller.GetAsync("/Billing");
        var reads = (await app.AuditAfterAsync(before)).Where(e => e.Action == AuditActions.Read && e.UserId == billerId && e.EntityType == nameof(Patient))
            .Select(e => e.PatientId!.Value).ToHashSet();

        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        Assert.NotEmpty(onDesk);
        Assert.All(onDesk, patient => Assert.Contains(patient, reads));
    }

    [Fact]
    public async Task Query_ThatReadsPatientDataWithoutAnEntity_IsRefusedUnlessItsReadIsAudited()
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();

        var names = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Patients.Select(p => p.FamilyName).ToListAsync());
        var dates = await Assert.ThrowsAsync<InvalidOperationException>(() => db.TreatmentSessions.Select(s => new { s.PatientId, s.SessionDate }).ToListAsync());
        var ids = await db.Patients.Select(p => p.Id).Take(1).ToListAsync();
        var audited = await db.Patients.Select(p => new { p.Id, p.FamilyName }).Take(1).ToAuditedListAsync(db, nameof(Patient), p => p.Id, p => p.Id, CancellationToken.None);

        Assert.Contains("read audit cannot see", names.Message, StringComparison.Ordinal);
        Assert.Contains("TreatmentSession", dates.Message, StringComparison.Ordinal);
        Assert.Single(ids);
        Assert.Single(audited);
    }

    [Fact]
    public async Task Read_OfAnotherOrganizationsRecord_IsAuditedAsNotFound()
    {
        var foreign = await app.OtherOrganizationPatientAsync();
        var client = await app.AsAsync(Roles.Manager);
        var before = await app.LastAuditSequenceAsync();

        await client.GetAsync($"/api/patients/{foreign.Id}");
        var entries = await app.AuditAfterAsync(before);

        Assert.Contains(entries, e => e.EntityId == foreign.Id.ToString() && e.Outcome == AuditOutcomes.NotFound);
        Assert.DoesNotContain(entries, e => e.PatientId == foreign.Id && e.Outcome == AuditOutcomes.Success);
    }

    [Fact]
    public async Task SignIn_FailuresAndSuccessesAreAudited()
    {
        var client = app.CreateBrowserlessClient();
        var before = await app.LastAuditSequenceAsync();

        await client.PostLoginAsync("nobody@riverside.example", "whatever-password");
        await client.PostLoginAsync(SignIn.DemoEmail(Roles.Biller), "wrong-password-here");
        await client.PostLoginAsync(SignIn.DemoEmail(Roles.Biller), Tactus.Web.Data.Seed.DemoClinic.Password);
        var signIns = (await app.AuditAfterAsync(before)).Where(e => e.Action == AuditActions.SignIn).ToList();

        Assert.Equal(
            [("nobody@riverside.example", AuditOutcomes.Failure), (SignIn.DemoEmail(Roles.Biller), AuditOutcomes.Failure),
                (SignIn.DemoEmail(Roles.Biller), AuditOutcomes.Success)],
            signIns.Select(e => (e.Actor, e.Outcome)).ToList());
    }

    [Fact]
    public async Task GroupCommit_ManyConcurrentEventsShareFewWritesAndAllAreDurable()
    {
        var writer = app.Services.GetRequiredService<AuditWriter>();
        var batchesBefore = writer.BatchesWritten;
        var before = await app.LastAuditSequenceAsync();
        var records = Enumerable.Range(0, 200).Select(i => new AuditRecord(app.Clock.GetUtcNow(), null, null, "load-test", null,
            AuditActions.Read, "Probe", i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, AuditOutcomes.Success)).ToList();

        await Task.WhenAll(records.Select(writer.WriteAsync).ToList());
        var written = (await app.AuditAfterAsync(before)).Count(e => e.EntityType == "Probe");

        Assert.Equal(200, written);
        Assert.InRange(writer.BatchesWritten - batchesBefore, 1, 20);
    }

    [Fact]
    public async Task Chain_AfterAllThatActivity_Verifies()
    {
        var client = await app.AsAsync(Roles.Manager);
        await client.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Chain","familyName":"Check","birthDate":"1960-01-01"}"""));

        var result = await app.WithDbAsync(db => AuditVerifier.VerifyAllAsync(db, app.CheckpointKeyOf()));

        Assert.True(result.IsIntact, result.ToString());
        Assert.True(result.EntriesChecked > 0);
    }
}

public sealed class AuditTrailSqliteTests(SqliteApp app) : AuditTrailTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTrailPostgreSqlTests(PostgreSqlApp app) : AuditTrailTests(app), IClassFixture<PostgreSqlApp>;
