using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Patients;

/// <summary>
/// A second record for the same person is not made without a word (issue 10 §5): same name and birth date is
/// refused until the person confirms it is someone else, the existing record is offered, and an administrator can
/// merge duplicates, with everything about the patient moving to the record kept and the merge audited.
/// </summary>
public abstract class DuplicatePatientTests(TactusApp app)
{
    [Fact]
    public async Task SameNameAndBirthDate_IsRefusedWithTheExistingRecord_UntilConfirmedAsSomeoneElse()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var first = await (await manager.PostAsync("/api/patients", Json.Body("""{"givenName":"Greta","familyName":"Lindholm","birthDate":"1962-07-19"}"""))).ReadAsync<PatientDto>();

        var again = await manager.PostAsync("/api/patients", Json.Body("""{"givenName":"greta","familyName":"LINDHOLM","birthDate":"1962-07-19"}"""));
        var problem = await again.ReadJsonAsync();
        var confirmed = await manager.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Greta","familyName":"Lindholm","birthDate":"1962-07-19"}"""));
        var page = await manager.PostFormAsync("/Patients/New", new()
        {
            ["Input.GivenName"] = "Greta", ["Input.FamilyName"] = "Lindholm", ["Input.BirthDate"] = "1962-07-19", ["Input.Sex"] = "Female",
        });
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("possible-duplicate", problem.GetProperty("code").GetString());
        Assert.Contains(first!.Mrn, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(problem.GetProperty("existingPatientIds").EnumerateArray(), id => id.GetGuid() == first.Id);
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"possible-duplicates\"", html, StringComparison.Ordinal);
        Assert.Contains($"/Patients/Details/{first.Id}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACareTeamMemberWhoCannotSeeTheExistingRecord_IsWarnedWithoutItsDetails()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var existing = await (await manager.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Pavel","familyName":"Strand","birthDate":"1975-03-03"}"""))).ReadAsync<PatientDto>();
        var clinician = await app.AsAsync(Roles.Clinician);

        var response = await clinician.PostAsync("/api/patients", Json.Body("""{"givenName":"Pavel","familyName":"Strand","birthDate":"1975-03-03"}"""));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("another care team", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(existing!.Mrn, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(problem.GetProperty("existingPatientIds").EnumerateArray());
    }

    [Fact]
    public async Task AdministratorMerge_MovesEverythingToTheRecordKept_AndIsAudited()
    {
        var keep = await app.ReferAndAssignAsync(givenName: "Mireille", familyName: "Santos");
        var duplicate = await app.ReferAndAssignAsync(givenName: "Mireille", familyName: "Santos");
        await duplicate.RecordIntakeAsync("{}");
        var admin = await app.AsAsync(Roles.Administrator);
        var manager = await app.AsAsync(Roles.Manager);
        var before = await app.LastAuditSequenceAsync();

        var listed = await admin.GetStringAsync("/Admin/Duplicates");
        var byManager = await manager.GetAsync("/Admin/Duplicates");
        var noReason = await admin.PostFormAsync("/Admin/Duplicates", new() { ["keep"] = keep.PatientId.ToString(), ["duplicates"] = duplicate.PatientId.ToString() },
            "/Admin/Duplicates?handler=Merge");
        var merged = await admin.PostFormAsync("/Admin/Duplicates", new()
        {
            ["keep"] = keep.PatientId.ToString(), ["duplicates"] = duplicate.PatientId.ToString(), ["reason"] = "Same name, birth date and phone; registered twice",
        }, "/Admin/Duplicates?handler=Merge");
        var state = await app.WithDbAsync(async db => (
            Referrals: await db.Referrals.CountAsync(r => r.PatientId == keep.PatientId),
            Intakes: await db.Intakes.CountAsync(i => i.PatientId == keep.PatientId),
            Left: await db.Referrals.CountAsync(r => r.PatientId == duplicate.PatientId),
            MergedInto: (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == duplicate.PatientId)).MergedIntoId));
        var search = await (await manager.GetAsync("/api/patients?name=mireille%20santos")).ReadAsync<PatientsApi.PatientPage>();
        var audit = await app.AuditAfterAsync(before);

        Assert.Contains(duplicate.PatientId.ToString(), listed, StringComparison.Ordinal);
        Assert.True(byManager.StatusCode == HttpStatusCode.Redirect && byManager.Headers.Location!.OriginalString.Contains("AccessDenied", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal((2, 1, 0, (Guid?)keep.PatientId), state);
        Assert.Equal([keep.PatientId], search!.Items.Select(p => p.Id));
        Assert.Contains(audit, e => e.EntityType == nameof(PatientMerge) && e.Action == AuditActions.Create && e.PatientId == keep.PatientId);
        Assert.Contains(audit, e => e.EntityType == nameof(Patient) && e.Action == AuditActions.Update && e.PatientId == duplicate.PatientId
            && e.Detail!.Contains("MergedIntoId", StringComparison.Ordinal));
    }
}

public sealed class DuplicatePatientSqliteTests(SqliteApp app) : DuplicatePatientTests(app), IClassFixture<SqliteApp>;

public sealed class DuplicatePatientPostgreSqlTests(PostgreSqlApp app) : DuplicatePatientTests(app), IClassFixture<PostgreSqlApp>;
