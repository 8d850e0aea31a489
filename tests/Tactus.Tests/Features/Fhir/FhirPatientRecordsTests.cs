using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Task = System.Threading.Tasks.Task;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// The rest of a patient's massage record over FHIR, as an EHR's integration would read it: the intake's medicines,
/// allergies and consents, the screening findings as flags, the plan of care with its goals, and the report's PDF. Each
/// search gives what the record holds (checked against the database by hand), each resource validates against R4, and
/// the record stays inside the same walls as every other (a biller is refused; a launch for one patient sees no other).
/// </summary>
public abstract class FhirPatientRecordsTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static async Task<Bundle> SearchAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<Bundle>(body, Fhir)!;
    }

    /// <summary>A patient in treatment: referred, intake recorded (medicines, allergies, consents), a plan with goals, a report drafted.</summary>
    private async Task<TreatmentLoop> TreatedAsync(string familyName)
    {
        var loop = await app.ReferAndAssignAsync(familyName: familyName);
        var intake = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body("""
            {"answers":{"dvtHistory":true,"dvtAffectedRegions":["calf-left"]},"medications":["Warfarin 5 mg daily","Ibuprofen 400 mg as needed"],"allergies":"Latex","lubricantAllergy":true,
             "preferences":{"pauseWord":"amber"},"consentToTreatment":true,"consentGivenBy":"patient","consentToDataUse":false}
            """));
        Assert.True(intake.IsSuccessStatusCode, await intake.Content.ReadAsStringAsync());
        var plan = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Json.Body("""
            {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 4","targetDate":"2027-03-01"},{"description":"Walk to the shop without stopping","targetDate":"2027-03-01"}],
             "sessionsPerWeek":1,"weeks":6,"techniques":["swedish"],"measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true}],
             "reportEveryVisits":0,"reportEveryDays":0}
            """))).ReadJsonAsync();
        Assert.True(plan.TryGetProperty("id", out _), plan.ToString());
        var report = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/reports", Json.Body("""{"kind":"Progress"}"""));
        Assert.True(report.IsSuccessStatusCode, await report.Content.ReadAsStringAsync());
        return loop;
    }

    [Fact]
    public async Task IntakeFindingsPlanAndReport_AreServed_AsTheRecordHoldsThem_AndValidate()
    {
        var loop = await TreatedAsync("Quennell");
        var manager = await app.AsAsync(Roles.Manager);
        var patientId = loop.PatientId;
        var latest = await app.WithDbAsync(db => db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).OrderByDescending(i => i.RecordedAt).FirstAsync());
        var findings = await app.WithDbAsync(db => db.Findings.CountAsync(f => f.PatientId == patientId));
        var activeFindings = await app.WithDbAsync(db => db.Findings.CountAsync(f => f.PatientId == patientId && f.Status == Tactus.Web.Features.Intake.FindingStatus.Active));
        var plans = await app.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => p.PatientId == patientId).ToListAsync());

        var medications = await SearchAsync(manager, $"/fhir/MedicationStatement?patient={patientId}");
        var allergies = await SearchAsync(manager, $"/fhir/AllergyIntolerance?patient=Patient/{patientId}");
        var consents = await SearchAsync(manager, $"/fhir/Consent?patient={patientId}");
        var flags = await SearchAsync(manager, $"/fhir/Flag?patient={patientId}");
        var activeFlags = await SearchAsync(manager, $"/fhir/Flag?patient={patientId}&status=active");
        var carePlans = await SearchAsync(manager, $"/fhir/CarePlan?patient={patientId}");
        var goals = await SearchAsync(manager, $"/fhir/Goal?patient={patientId}");

        Assert.Equal(2, latest.Medications.Count);
        Assert.Equal(2, allergies.Entry.Count);
        Assert.NotEqual(0, findings); // warfarin and a history of DVT (clinical.md §4)
        Assert.Equal(2, goals.Entry.Count);
        Assert.Equal(latest.Medications, medications.Entry.Select(e => ((MedicationStatement)e.Resource!).Medication is CodeableConcept c ? c.Text : null));
        Assert.Equal((latest.Allergies is { Length: > 0 } ? 1 : 0) + (latest.LubricantAllergy ? 1 : 0), allergies.Entry.Count);
        var treatment = consents.Entry.Select(e => (Consent)e.Resource!).Single(c => c.Scope.Coding[0].Code == "treatment");
        Assert.Equal(latest.ConsentToTreatment ? Consent.ConsentProvisionType.Permit : Consent.ConsentProvisionType.Deny, treatment.Provision!.Type);
        Assert.Equal(findings, flags.Entry.Count);
        Assert.Equal(activeFindings, activeFlags.Entry.Count);
        Assert.Equal(plans.Count, carePlans.Entry.Count);
        Assert.Equal(plans.Sum(p => p.Goals.Count), goals.Entry.Count);

        // Each read by id gives the same resource as the search, and every one validates.
        var errors = new List<string>();
        foreach (var bundle in new[] { medications, allergies, consents, flags, carePlans, goals })
        {
            errors.AddRange(FhirValidation.Errors(bundle).Select(e => $"{bundle.Link[0].Url}: {e}"));
            foreach (var entry in bundle.Entry.Take(2))
            {
                var read = await manager.GetAsync($"/fhir/{entry.Resource!.TypeName}/{entry.Resource.Id}");
                Assert.True(read.StatusCode == HttpStatusCode.OK, $"{entry.Resource.TypeName}/{entry.Resource.Id}: {(int)read.StatusCode}");
                var resource = JsonSerializer.Deserialize<Resource>(await read.Content.ReadAsStringAsync(), Fhir)!;
                Assert.Equal(entry.Resource.Id, resource.Id);
                errors.AddRange(FhirValidation.Errors(resource).Select(e => $"{resource.TypeName}/{resource.Id}: {e}"));
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>
    /// The structured opioids (issue 14 §2) beside the intake's reported lines: each with its RxNorm ingredient where the
    /// reviewed table has a checked code, its dose, its days and its MME per day from the CDC 2022 table (clinical.md
    /// §6.3(a): oxycodone 10 mg twice a day → 30; fentanyl 25 mcg/hr → 60; buprenorphine not converted); a stopped one is
    /// completed; another organisation reads none of them.
    /// </summary>
    [Fact]
    public async Task OpioidStatements_AreMedicationStatements_WithTheirCodeDoseDaysAndMme()
    {
        var loop = await TreatedAsync("Ormesher");
        var api = $"/api/patients/{loop.PatientId}/opioids";
        var oxycodone = await (await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"oxycodone","strength":10,"dosesPerDay":2,"takenFrom":"{{app.ClinicDay(40)}}"}"""))).ReadJsonAsync();
        await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"fentanyl-transdermal","strength":25,"dosesPerDay":1,"takenFrom":"{{app.ClinicDay(20)}}"}"""));
        await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"buprenorphine","strength":8,"dosesPerDay":1,"takenFrom":"{{app.ClinicDay(10)}}"}"""));
        var oxycodoneId = oxycodone.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await loop.Therapist.PostAsync($"{api}/{oxycodoneId}/stop", Json.Body($$"""{"lastDay":"{{app.ClinicDay(2)}}"}"""))).StatusCode);
        var manager = await app.AsAsync(Roles.Manager);
        var harbor = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);

        var bundle = await SearchAsync(manager, $"/fhir/MedicationStatement?patient={loop.PatientId}");
        var structured = bundle.Entry.Select(e => (MedicationStatement)e.Resource!).Where(m => Guid.TryParse(m.Id, out _)).ToList();
        var read = JsonSerializer.Deserialize<MedicationStatement>(await manager.GetStringAsync($"/fhir/MedicationStatement/{oxycodoneId}"), Fhir)!;
        var medicine = (CodeableConcept)read.Medication;

        Assert.Equal(2 + 3, bundle.Entry.Count); // the intake's two reported lines and the three statements
        Assert.Equal(["Oxycodone", "Fentanyl transdermal patch", "Buprenorphine"], structured.Select(m => ((CodeableConcept)m.Medication).Text));
        Assert.Equal("http://www.nlm.nih.gov/research/umls/rxnorm", medicine.Coding.Single().System);
        Assert.Equal("7804", medicine.Coding.Single().Code);
        Assert.Empty(((CodeableConcept)structured[2].Medication).Coding); // buprenorphine's code is not yet checked
        Assert.Equal(MedicationStatement.MedicationStatusCodes.Completed, read.Status);
        Assert.Equal(MedicationStatement.MedicationStatusCodes.Active, structured[1].Status);
        var taken = Assert.IsType<Period>(read.Effective);
        Assert.Equal(app.ClinicDay(40), taken.Start);
        Assert.Equal(app.ClinicDay(2), taken.End);
        Assert.Equal(10m, read.Dosage[0].DoseAndRate[0].Dose is Quantity dose ? dose.Value : null);
        Assert.Equal(2, read.Dosage[0].Timing?.Repeat?.Frequency);
        Assert.Equal("ug/h", Assert.IsType<Quantity>(structured[1].Dosage[0].DoseAndRate[0].Rate).Code);
        Assert.StartsWith("30 MME/day", read.Note[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("60 MME/day", structured[1].Note[0].Text, StringComparison.Ordinal);
        Assert.Contains("not converted", structured[2].Note[0].Text, StringComparison.Ordinal);
        Assert.Empty(FhirValidation.Errors(bundle));
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync($"/fhir/MedicationStatement/{oxycodoneId}")).StatusCode);
        Assert.Empty((await SearchAsync(harbor, $"/fhir/MedicationStatement?patient={loop.PatientId}")).Entry);
    }

    [Fact]
    public async Task TheReportsPdf_IsADocumentReference_AndItsBinary()
    {
        var loop = await TreatedAsync("Pellow");
        var report = await app.WithDbAsync(db => db.OutcomeReports.AsNoTracking().Where(r => r.PatientId == loop.PatientId).FirstAsync());
        var manager = await app.AsAsync(Roles.Manager);

        var documents = await SearchAsync(manager, $"/fhir/DocumentReference?patient={report.PatientId}");
        var document = documents.Entry.Select(e => (DocumentReference)e.Resource!).Single(d => d.Id == report.Id.ToString());
        var pdfRequest = new HttpRequestMessage(HttpMethod.Get, $"/fhir/{document.Content[0].Attachment.Url}");
        pdfRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        var pdf = await manager.SendAsync(pdfRequest);
        var asFhir = JsonSerializer.Deserialize<Binary>(await manager.GetStringAsync($"/fhir/Binary/{report.Id}?_format=json"), Fhir)!;

        Assert.Equal("application/pdf", document.Content[0].Attachment.ContentType);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal("%PDF"u8.ToArray(), asFhir.Data![..4]);
        Assert.Empty(FhirValidation.Errors(document));
        Assert.Empty(FhirValidation.Errors(asFhir));
    }

    [Fact]
    public async Task TheRecord_StaysInsideItsWalls()
    {
        var loop = await TreatedAsync("Trewin");
        var intake = await app.WithDbAsync(db => db.Intakes.AsNoTracking().Where(i => i.PatientId == loop.PatientId).FirstAsync());
        var biller = await app.AsAsync(Roles.Biller);
        var foreign = await app.OtherOrganizationPatientAsync();
        var harbor = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);
        var manager = await app.AsAsync(Roles.Manager);

        Assert.Equal(HttpStatusCode.Forbidden, (await biller.GetAsync($"/fhir/MedicationStatement?patient={intake.PatientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await biller.GetAsync($"/fhir/Consent/{intake.Id:N}-treatment")).StatusCode);
        Assert.Empty((await SearchAsync(manager, $"/fhir/MedicationStatement?patient={foreign.Id}")).Entry);
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync($"/fhir/Consent/{intake.Id:N}-treatment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync($"/fhir/MedicationStatement/{intake.Id:N}-m1")).StatusCode);
        Assert.Empty((await SearchAsync(harbor, $"/fhir/Flag?patient={intake.PatientId}")).Entry);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/fhir/Consent/{intake.Id:N}-treatment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/fhir/Consent/{intake.Id:N}-elsewhere")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/fhir/Goal/not-a-goal")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/fhir/Flag?patient=someone")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/fhir/CarePlan")).StatusCode);
    }
}

public sealed class FhirPatientRecordsSqliteTests(SqliteApp app) : FhirPatientRecordsTests(app), IClassFixture<SqliteApp>;

public sealed class FhirPatientRecordsPostgreSqlTests(PostgreSqlApp app) : FhirPatientRecordsTests(app), IClassFixture<PostgreSqlApp>;
