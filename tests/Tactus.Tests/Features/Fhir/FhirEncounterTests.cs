using System.Net;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Fhir;
using Tactus.Web.Features.Sessions;
using Bundle = Hl7.Fhir.Model.Bundle;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;

namespace Tactus.Tests.Features.Fhir;

/// <summary>Visits as Encounters and the techniques given as Procedures: each visit once across pages, each technique with its site, and valid R4.</summary>
public abstract class FhirEncounterTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    [Fact]
    public async Task VisitsAndTechniques_PageOnceEach_AndValidate()
    {
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var patientId = await app.WithDbAsync(db => db.TreatmentSessions
            .Where(s => s.Status == SessionStatus.Signed && db.CareTeamMembers.Any(m => m.PatientId == s.PatientId && m.UserId == therapistId))
            .GroupBy(s => s.PatientId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        var sessions = await app.WithDbAsync(db => db.TreatmentSessions.AsNoTracking().Where(s => s.PatientId == patientId).ToListAsync());
        var therapist = await app.AsAsync(Roles.Therapist);

        var encounters = await PagesAsync(therapist, $"/fhir/Encounter?patient={patientId}&_count=1");
        var procedures = await PagesAsync(therapist, $"/fhir/Procedure?patient=Patient/{patientId}&_count=2");
        var firstProcedure = procedures.FirstOrDefault();
        var read = firstProcedure is null ? null : await therapist.GetAsync($"/fhir/Procedure/{firstProcedure.Id}");
        var encounter = await therapist.GetAsync($"/fhir/Encounter/{sessions[0].Id}");

        Assert.Equal(sessions.Select(s => s.Id.ToString()).Order(), encounters.Select(e => e.Id!).Order());
        Assert.NotEmpty(procedures);
        Assert.True(encounters.Count > 1, "the demo patient has several visits, so paging is exercised");
        Assert.Equal(sessions.Sum(s => s.Note.Techniques.Count), procedures.Count);
        Assert.Equal(procedures.Count, procedures.Select(p => p.Id).Distinct().Count());
        Assert.True(read is null || read.StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, encounter.StatusCode);
        Assert.Empty(encounters.Concat(procedures).SelectMany(FhirValidation.Errors));
        Assert.Equal(HttpStatusCode.BadRequest, (await therapist.GetAsync("/fhir/Encounter")).StatusCode);
    }

    /// <summary>A date range finds the visits checked in within it (by hand: the sessions' CheckedInAt), for Encounter and Procedure alike.</summary>
    [Fact]
    public async Task DateRange_FindsTheVisitsInIt()
    {
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var patientId = await app.WithDbAsync(db => db.TreatmentSessions
            .Where(s => db.CareTeamMembers.Any(m => m.PatientId == s.PatientId && m.UserId == therapistId))
            .GroupBy(s => s.PatientId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        var sessions = await app.WithDbAsync(db => db.TreatmentSessions.AsNoTracking().Where(s => s.PatientId == patientId).ToListAsync());
        var ordered = sessions.OrderBy(s => s.CheckedInAt).ToList();
        var from = ordered[ordered.Count / 2].CheckedInAt;
        var fromText = Uri.EscapeDataString(from.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        var therapist = await app.AsAsync(Roles.Therapist);

        var encounters = await PagesAsync(therapist, $"/fhir/Encounter?patient={patientId}&date=ge{fromText}");
        var before = await PagesAsync(therapist, $"/fhir/Encounter?patient={patientId}&date=lt{fromText}&date=ge2000-01-01");
        var procedures = await PagesAsync(therapist, $"/fhir/Procedure?patient={patientId}&date=ge{fromText}");

        Assert.Equal(sessions.Where(s => s.CheckedInAt >= from).Select(s => s.Id.ToString()).Order(), encounters.Select(e => e.Id!).Order());
        Assert.Equal(sessions.Where(s => s.CheckedInAt < from).Select(s => s.Id.ToString()).Order(), before.Select(e => e.Id!).Order());
        Assert.Equal(sessions.Where(s => s.CheckedInAt >= from).Sum(s => s.Note.Techniques.Count), procedures.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await therapist.GetAsync($"/fhir/Encounter?patient={patientId}&date=soon")).StatusCode);
    }

    /// <summary>A Procedure is found by its technique (by hand: the techniques the visits' notes hold).</summary>
    [Fact]
    public async Task Code_FindsTheTechniqueGiven()
    {
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var patientId = await app.WithDbAsync(db => db.TreatmentSessions
            .Where(s => db.CareTeamMembers.Any(m => m.PatientId == s.PatientId && m.UserId == therapistId))
            .GroupBy(s => s.PatientId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        var sessions = await app.WithDbAsync(db => db.TreatmentSessions.AsNoTracking().Where(s => s.PatientId == patientId).ToListAsync());
        var technique = sessions.SelectMany(s => s.Note.Techniques).GroupBy(t => t.Technique).OrderByDescending(g => g.Count()).First().Key;
        var therapist = await app.AsAsync(Roles.Therapist);

        var found = await PagesAsync(therapist, $"/fhir/Procedure?patient={patientId}&code={technique}&_count=2");
        var bySystem = await PagesAsync(therapist, $"/fhir/Procedure?patient={patientId}&code={EncounterFhir.TechniqueSystem}|{technique}");
        var otherSystem = await PagesAsync(therapist, $"/fhir/Procedure?patient={patientId}&code=http://snomed.info/sct|{technique}");

        Assert.Equal(sessions.Sum(s => s.Note.Techniques.Count(t => t.Technique == technique)), found.Count);
        Assert.Equal(found.Count, bySystem.Count);
        Assert.Empty(otherSystem);
        Assert.NotEmpty(found);
    }

    private static async Task<List<Hl7.Fhir.Model.Resource>> PagesAsync(HttpClient client, string first)
    {
        var found = new List<Hl7.Fhir.Model.Resource>();
        string? next = first;
        for (var pages = 0; next is not null && pages < 500; pages++)
        {
            var response = await client.GetAsync(next);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            var bundle = JsonSerializer.Deserialize<Bundle>(body, Fhir)!;
            found.AddRange(bundle.Entry.Select(e => e.Resource!));
            next = bundle.Link.SingleOrDefault(l => l.Relation == "next")?.Url;
        }

        return found;
    }
}

public sealed class FhirEncounterSqliteTests(SqliteApp app) : FhirEncounterTests(app), IClassFixture<SqliteApp>;

public sealed class FhirEncounterPostgreSqlTests(PostgreSqlApp app) : FhirEncounterTests(app), IClassFixture<PostgreSqlApp>;
