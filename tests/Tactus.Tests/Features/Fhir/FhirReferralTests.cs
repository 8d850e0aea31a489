using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Referrals;
using Bundle = Hl7.Fhir.Model.Bundle;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using ServiceRequest = Hl7.Fhir.Model.ServiceRequest;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// An EHR refers through FHIR: a ServiceRequest lands on the same work-list as a referral made in Tactus, a retried one is
/// not doubled, and a transaction (Patient + Condition + ServiceRequest linked by urn:uuid) stores all or nothing.
/// </summary>
public abstract class FhirReferralTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static StringContent FhirJson(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    private static string ServiceRequestJson(Guid patientId, string orderNumber, string code = "M54.50") => $$"""
        {"resourceType":"ServiceRequest","status":"active","intent":"order","priority":"urgent",
         "identifier":[{"system":"urn:oid:2.16.840.1.113883.3.999.1","value":"{{orderNumber}}"}],
         "subject":{"reference":"Patient/{{patientId}}"},
         "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"{{code}}"}]}],
         "quantityQuantity":{"value":6,"unit":"visits"},
         "note":[{"text":"Chronic low back pain, not improving with exercise alone."},{"text":"Goals: Walk 30 minutes without pain."}]}
        """;

    [Fact]
    public async Task InboundServiceRequest_JoinsTheWorkList_ReadsBack_AndARetryIsNotDoubled()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var clinician = await app.AsAsync(Roles.Clinician);
        var order = "ORD-" + Guid.NewGuid().ToString("N")[..8];

        var created = await clinician.PostAsync("/fhir/ServiceRequest", FhirJson(ServiceRequestJson(patient.Id, order)));
        var resource = JsonSerializer.Deserialize<ServiceRequest>(await created.Content.ReadAsStringAsync(), Fhir)!;
        var retried = await clinician.PostAsync("/fhir/ServiceRequest", FhirJson(ServiceRequestJson(patient.Id, order)));
        using var conditional = new HttpRequestMessage(HttpMethod.Post, "/fhir/ServiceRequest") { Content = FhirJson(ServiceRequestJson(patient.Id, order)) };
        conditional.Headers.Add("If-None-Exist", $"identifier=urn:oid:2.16.840.1.113883.3.999.1|{order}");
        var conditionalResponse = await clinician.SendAsync(conditional);
        var stored = await app.WithDbAsync(db => db.Referrals.Where(r => r.ExternalId == order).ToListAsync());
        var read = JsonSerializer.Deserialize<ServiceRequest>(await (await clinician.GetAsync($"/fhir/ServiceRequest/{resource.Id}")).Content.ReadAsStringAsync(), Fhir)!;
        var search = JsonSerializer.Deserialize<Bundle>(await (await clinician.GetAsync($"/fhir/ServiceRequest?patient={patient.Id}&status=active")).Content.ReadAsStringAsync(), Fhir)!;
        var workList = await (await app.AsAsync(Roles.Manager)).GetStringAsync("/Referrals");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conditionalResponse.StatusCode);
        var referral = Assert.Single(stored);
        Assert.Equal((ReferralStatus.Sent, ReferralUrgency.Urgent, 6, "M54.50"), (referral.Status, referral.Urgency, referral.VisitsRequested, referral.Diagnoses.Single().Code));
        Assert.Equal(("Chronic low back pain, not improving with exercise alone.", "Walk 30 minutes without pain."), (referral.Reason, referral.Goals));
        Assert.Equal(referral.Id.ToString(), read.Id);
        Assert.Equal(Hl7.Fhir.Model.RequestStatus.Active, read.Status);
        Assert.Equal(order, read.Identifier.Single().Value);
        Assert.Contains(search.Entry, e => e.Resource!.Id == read.Id);
        Assert.Contains(referral.Id.ToString(), workList, StringComparison.Ordinal);
        Assert.Empty(FhirValidation.Errors(read));
        Assert.Empty(FhirValidation.Errors(search));
    }

    [Fact]
    public async Task ServiceRequestSearch_PagesNewestFirst_EachReferralOnce()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var clinician = await app.AsAsync(Roles.Clinician);
        foreach (var n in Enumerable.Range(0, 3))
        {
            Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsync("/fhir/ServiceRequest", FhirJson(ServiceRequestJson(patient.Id, $"PAGE-{Guid.NewGuid():N}")))).StatusCode);
        }

        var expected = await app.WithDbAsync(db => db.Referrals.Where(r => r.PatientId == patient.Id)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToListAsync());
        var seen = new List<string>();
        string? next = $"/fhir/ServiceRequest?patient=Patient/{patient.Id}&_count=2";
        while (next is not null && seen.Count <= expected.Count)
        {
            var page = JsonSerializer.Deserialize<Bundle>(await (await clinician.GetAsync(next)).Content.ReadAsStringAsync(), Fhir)!;
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            next = page.Link.SingleOrDefault(l => l.Relation == "next")?.Url;
        }

        Assert.Equal(expected.Select(id => id.ToString()), seen);
    }

    [Fact]
    public async Task InboundServiceRequest_BreakingAReferralRule_Is422_AndATherapistMayNotRefer()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var clinician = await app.AsAsync(Roles.Clinician);
        var therapist = await app.AsAsync(Roles.Therapist);
        var before = await app.WithDbAsync(db => db.Referrals.CountAsync());

        var retiredCode = await clinician.PostAsync("/fhir/ServiceRequest", FhirJson(ServiceRequestJson(patient.Id, "ORD-x1", code: "M54.5")));
        var unknownPatient = await clinician.PostAsync("/fhir/ServiceRequest", FhirJson(ServiceRequestJson(Guid.NewGuid(), "ORD-x2")));
        var byTherapist = await therapist.PostAsync("/fhir/ServiceRequest", FhirJson(ServiceRequestJson(patient.Id, "ORD-x3")));
        var after = await app.WithDbAsync(db => db.Referrals.CountAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, retiredCode.StatusCode);
        Assert.Contains("M54.50", (await OutcomeAsync(retiredCode)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownPatient.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTherapist.StatusCode);
        Assert.Equal(before, after);
    }

    private static string TransactionJson(string family, string serviceRequestCode = "M79.7") => $$$"""
        {"resourceType":"Bundle","type":"transaction","entry":[
          {"fullUrl":"urn:uuid:7b9c2c1e-0000-4000-8000-000000000001","resource":{"resourceType":"Patient",
            "name":[{"family":"{{{family}}}","given":["Ines"]}],"gender":"female","birthDate":"1970-02-03"},
           "request":{"method":"POST","url":"Patient"}},
          {"fullUrl":"urn:uuid:7b9c2c1e-0000-4000-8000-000000000003","resource":{"resourceType":"ServiceRequest","status":"active","intent":"order",
            "subject":{"reference":"urn:uuid:7b9c2c1e-0000-4000-8000-000000000001"},
            "reasonReference":[{"reference":"urn:uuid:7b9c2c1e-0000-4000-8000-000000000002"}],
            "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"{{{serviceRequestCode}}}"}]}],
            "note":[{"text":"Widespread pain; please assess for gentle massage."}]},
           "request":{"method":"POST","url":"ServiceRequest"}},
          {"fullUrl":"urn:uuid:7b9c2c1e-0000-4000-8000-000000000002","resource":{"resourceType":"Condition",
            "subject":{"reference":"urn:uuid:7b9c2c1e-0000-4000-8000-000000000001"},
            "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M79.7","display":"Fibromyalgia"}]}},
           "request":{"method":"POST","url":"Condition"}}
        ]}
        """;

    [Fact]
    public async Task Transaction_StoresPatientConditionAndReferralTogether()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var family = "Fhirtx" + Guid.NewGuid().ToString("N")[..8];

        var response = await clinician.PostAsync("/fhir", FhirJson(TransactionJson(family)));
        var body = await response.Content.ReadAsStringAsync();
        var result = JsonSerializer.Deserialize<Bundle>(body, Fhir)!;
        var patient = await app.WithDbAsync(db => db.Patients.Include(p => p.Conditions).SingleAsync(p => p.FamilyName == family));
        var referral = await app.WithDbAsync(db => db.Referrals.SingleAsync(r => r.PatientId == patient.Id));

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        Assert.Equal(["201 Created", "201 Created", "201 Created"], result.Entry.Select(e => e.Response!.Status));
        Assert.Equal(["Patient", "ServiceRequest", "Condition"], result.Entry.Select(e => e.Resource!.TypeName)); // the request's order
        Assert.Equal("M79.7", Assert.Single(patient.Conditions).Code);
        Assert.Equal(["M79.7"], referral.Diagnoses.Select(d => d.Code));
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.Empty(FhirValidation.Errors(result));

        var conditions = JsonSerializer.Deserialize<Bundle>(await (await clinician.GetAsync($"/fhir/Condition?patient=Patient/{patient.Id}&code=M79.7")).Content.ReadAsStringAsync(), Fhir)!;
        var condition = Assert.Single(conditions.Entry).Resource!;
        var read = await clinician.GetAsync($"/fhir/Condition/{condition.Id}");
        var noPatient = await clinician.GetAsync("/fhir/Condition?code=M79.7");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPatient.StatusCode);
        Assert.Empty(FhirValidation.Errors(conditions));
    }

    [Fact]
    public async Task Transaction_WithOneBadEntry_StoresNothing_AndNamesTheEntry()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var family = "Fhirtx" + Guid.NewGuid().ToString("N")[..8];

        var response = await clinician.PostAsync("/fhir", FhirJson(TransactionJson(family, serviceRequestCode: "M54.5")));
        var outcome = await OutcomeAsync(response);
        var patients = await app.WithDbAsync(db => db.Patients.CountAsync(p => p.FamilyName == family));
        var batch = await clinician.PostAsync("/fhir", FhirJson("""{"resourceType":"Bundle","type":"batch","entry":[]}"""));
        var deleteEntry = await clinician.PostAsync("/fhir", FhirJson("""{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/1"}}]}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("Entry 2 (ServiceRequest):", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(0, patients);
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deleteEntry.StatusCode);
    }

    private static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(), Fhir)!;
}

public sealed class FhirReferralSqliteTests(SqliteApp app) : FhirReferralTests(app), IClassFixture<SqliteApp>;

public sealed class FhirReferralPostgreSqlTests(PostgreSqlApp app) : FhirReferralTests(app), IClassFixture<PostgreSqlApp>;
