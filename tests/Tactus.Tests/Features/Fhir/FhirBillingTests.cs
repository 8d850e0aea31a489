using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Remittance;
using Task = System.Threading.Tasks.Task;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// The billing record over FHIR, for the biller: the patient's Coverage, and, once the payer's 835 is posted, the
/// claim's ExplanationOfBenefit with what was charged, allowed and paid. The loop is the product's own: a reviewed visit,
/// a claim, an 837P batch, the test payer's 835 (allowed 80 % of the charge), the remittance posted. A biller reads the
/// billing record and not the clinical one.
/// </summary>
public abstract class FhirBillingTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    [Fact]
    public async Task ABiller_ReadsCoverageAndTheExplanationOfBenefit_NotTheClinicalRecord()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var visit = await app.WithDbAsync(db =>
        {
            var payerId = db.Payers.Where(p => p.Name == "Lakeside Health Plan" && p.OrganizationId == db.Organizations.Single(o => o.Slug == "riverside").Id).Select(p => p.Id).Single();
            return db.VisitCodings.Where(v => v.PayerId == payerId).OrderBy(v => v.Id).Select(v => new { v.Id, v.PatientId }).FirstAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await biller.PostAsync($"/api/billing/visits/{visit.Id}/review", null)).StatusCode);
        var claim = (await (await biller.PostAsync("/api/claims", Json.Body($$"""{"visitIds":["{{visit.Id}}"]}"""))).ReadJsonAsync())[0];
        var claimId = claim.GetProperty("id").GetGuid();
        var batch = await (await biller.PostAsync("/api/claims/export", Json.Body($$"""{"claimIds":["{{claimId}}"]}"""))).ReadJsonAsync();
        var file = await biller.GetStringAsync($"/api/claims/batches/{batch.GetProperty("batchId").GetGuid()}/file");
        var remittance = TestPayer.Respond(file, "LHP01", DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), 9001);
        var posted = await biller.PostAsync("/api/remittances", new StringContent(remittance, Encoding.UTF8, "text/plain"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claimId));

        var coverages = JsonSerializer.Deserialize<Bundle>(await biller.GetStringAsync($"/fhir/Coverage?patient={visit.PatientId}"), Fhir)!;
        var benefits = JsonSerializer.Deserialize<Bundle>(await biller.GetStringAsync($"/fhir/ExplanationOfBenefit?patient={visit.PatientId}"), Fhir)!;
        var eob = benefits.Entry.Select(e => (ExplanationOfBenefit)e.Resource!).Single(e => e.Id == claimId.ToString());
        var read = await biller.GetAsync($"/fhir/ExplanationOfBenefit/{claimId}");
        var patient = await biller.GetAsync($"/fhir/Patient/{visit.PatientId}");
        var clinical = await biller.GetAsync($"/fhir/Observation?patient={visit.PatientId}");
        var therapist = await app.AsAsync(Roles.Therapist);

        var coverage = (Hl7.Fhir.Model.Coverage)coverages.Entry.First().Resource!;
        Assert.Equal($"Patient/{visit.PatientId}", coverage.Beneficiary.Reference);
        Assert.Equal("LHP01", coverage.Payor[0].Identifier!.Value);
        Assert.Equal(stored.TotalChargeCents / 100m, eob.Total.Single(t => t.Category.Coding[0].Code == "submitted").Amount.Value);
        Assert.Equal(stored.PaidCents / 100m, eob.Payment!.Amount!.Value);
        Assert.True(stored.PaidCents > 0);
        Assert.All(eob.Item, item => Assert.Equal( // TestPayer: allowed is 80 % of the charge
            item.Adjudication.Single(a => a.Category.Coding[0].Code == "submitted" && a.Reason is null).Amount!.Value * 0.8m,
            item.Adjudication.Single(a => a.Category.Coding[0].Code == "eligible").Amount!.Value));
        Assert.Equal($"Coverage/{stored.CoverageId}", eob.Insurance[0].Coverage.Reference);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patient.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clinical.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.GetAsync($"/fhir/Coverage?patient={visit.PatientId}")).StatusCode);
        Assert.Empty(FhirValidation.Errors(coverages));
        Assert.Empty(FhirValidation.Errors(eob));
    }
}

public sealed class FhirBillingSqliteTests(SqliteApp app) : FhirBillingTests(app), IClassFixture<SqliteApp>;

public sealed class FhirBillingPostgreSqlTests(PostgreSqlApp app) : FhirBillingTests(app), IClassFixture<PostgreSqlApp>;
