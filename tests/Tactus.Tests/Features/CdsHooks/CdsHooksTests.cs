using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.CdsHooks;
using Tactus.Web.Features.Referrals;
using Task = System.Threading.Tasks.Task;

namespace Tactus.Tests.Features.CdsHooks;

/// <summary>
/// The CDS Hooks 2.0 services driven as an EHR drives them: discovery, the published request examples, and the three
/// services with prefetched data and with the EHR's FHIR server (here Tactus's own /fhir) read through fhirAuthorization.
/// Screening findings follow clinical.md §4, evidence clinical.md §5.
/// </summary>
public abstract class CdsHooksTests(TactusApp app) : CdsHooksTestBase(app)
{
    [Fact]
    public async Task Discovery_ListsTheServices_WithTheirPrefetch()
    {
        var response = await App.CreateBrowserlessClient().GetAsync("/cds-services");
        var services = (await response.ReadJsonAsync()).GetProperty("services").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["order-select", "order-sign", "patient-view"], services.Select(s => s.GetProperty("hook").GetString()).Order());
        Assert.All(services, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("description").GetString())));
        var safety = services.Single(s => s.GetProperty("id").GetString() == CdsCatalogue.ReferralSafety);
        Assert.Equal("MedicationRequest?patient={{context.patientId}}&status=active", safety.GetProperty("prefetch").GetProperty("medications").GetString());
    }

    [Fact]
    public async Task PatientView_TellsWhereTheReferredPatientStands_ReadAsTheClientsAccount()
    {
        var ehr = await RegisterEhrAsync();
        var patientId = await App.WithDbAsync(db => db.Referrals.Where(r => r.Status != ReferralStatus.Draft && r.OrganizationId == db.Users
            .Where(u => u.Email == SignIn.DemoEmail(Roles.Manager)).Select(u => u.OrganizationId).Single()).Select(r => r.PatientId).FirstAsync());
        var backend = await App.BackendClientAsync(await App.RegisterBackendAsync(["system/Patient.rs"]), "system/Patient.rs");
        var patient = JsonNode.Parse(await backend.GetStringAsync($"/fhir/Patient/{patientId}"))!;

        var cards = await CardsAsync(await CallAsync(ehr, CdsCatalogue.ProgrammeStatus,
            Call("patient-view", new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = "ehr-1288992" }, new JsonObject { ["patient"] = patient })));
        var audited = await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .AnyAsync(a => a.PatientId == patientId && a.Action == "read" && a.EntityType == "Referral" && a.Actor.Contains("tactus-cds-")));

        var card = Assert.Single(cards.EnumerateArray());
        AssertWellFormed(card);
        Assert.StartsWith("Massage programme:", card.GetProperty("summary").GetString());
        Assert.Contains("**Referral**", card.GetProperty("detail").GetString());
        Assert.EndsWith($"/Patients/Details/{patientId}", card.GetProperty("links")[0].GetProperty("url").GetString());
        Assert.True(audited);
    }

    [Fact]
    public async Task PatientView_WithoutPrefetch_ReadsTheEhrsFhirServerWithItsToken_OrAnswers412()
    {
        var ehr = await RegisterEhrAsync();
        var patient = await App.PatientOnCareTeamOfAsync(Roles.Therapist);
        var accessToken = await App.BackendAccessTokenAsync(await App.RegisterBackendAsync(["system/Patient.rs"]), "system/Patient.rs");
        var context = new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = patient.Id.ToString() };
        var authorization = new JsonObject
        {
            ["fhirServer"] = "http://localhost/fhir",
            ["fhirAuthorization"] = new JsonObject { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "system/Patient.rs", ["subject"] = "tactus" },
        };

        var fetched = await CallAsync(ehr, CdsCatalogue.ProgrammeStatus, Call("patient-view", context, fhir: authorization));
        var none = await CallAsync(ehr, CdsCatalogue.ProgrammeStatus, Call("patient-view", context.DeepClone()));
        var elsewhere = await CallAsync(ehr, CdsCatalogue.ProgrammeStatus, Call("patient-view", context.DeepClone(),
            fhir: new JsonObject { ["fhirServer"] = "http://169.254.169.254/fhir", ["fhirAuthorization"] = authorization["fhirAuthorization"]!.DeepClone() }));

        var referred = await App.WithDbAsync(db => db.Referrals.AnyAsync(r => r.PatientId == patient.Id && r.Status != ReferralStatus.Draft));
        Assert.Equal(referred ? 1 : 0, (await CardsAsync(fetched)).GetArrayLength());
        Assert.Equal(HttpStatusCode.PreconditionFailed, none.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, elsewhere.StatusCode); // only the EHR's own origin is ever called
    }

    [Fact]
    public async Task PublishedExamples_AreAnsweredAsTheSpecificationSays()
    {
        var ehr = await RegisterEhrAsync();
        var example = JsonNode.Parse(Example("patient-view-request.json"))!.AsObject();

        // As published: its prefetch key is the example service's ("patientToGreet") and its FHIR server another host.
        var asPublished = await CallAsync(ehr, CdsCatalogue.ProgrammeStatus, example.ToJsonString());
        example["prefetch"] = new JsonObject { ["patient"] = example["prefetch"]!["patientToGreet"]!.DeepClone() };
        var withOurKey = await CallAsync(ehr, CdsCatalogue.ProgrammeStatus, example.ToJsonString());
        var select = await CallAsync(ehr, CdsCatalogue.ReferralSuggestion, Call("order-select", JsonNode.Parse(Example("order-select-r4-context.json"))!["context"]!.DeepClone()));
        var sign = await CallAsync(ehr, CdsCatalogue.ReferralSafety, Call("order-sign", JsonNode.Parse(Example("order-sign-r4-context.json"))!["context"]!.DeepClone()));

        Assert.Equal(HttpStatusCode.PreconditionFailed, asPublished.StatusCode);
        Assert.Equal(0, (await CardsAsync(withOurKey)).GetArrayLength()); // a patient Tactus does not know: nothing to say
        Assert.Equal(0, (await CardsAsync(select)).GetArrayLength()); // a diet and an antibiotic: no condition massage is for
        Assert.Equal(0, (await CardsAsync(sign)).GetArrayLength()); // no massage order being signed
    }

    [Fact]
    public async Task OrderSelect_ForLowBackPain_SuggestsAReferral_WithTheEvidenceAsReviewed()
    {
        var ehr = await RegisterEhrAsync();
        var order = new JsonObject
        {
            ["resourceType"] = "MedicationRequest", ["id"] = "naproxen", ["status"] = "draft", ["intent"] = "order",
            ["medicationCodeableConcept"] = new JsonObject { ["text"] = "Naproxen 500 MG Oral Tablet" },
            ["subject"] = new JsonObject { ["reference"] = "Patient/1288992" },
            ["reasonCode"] = new JsonArray(Coded(Icd10, "M54.50", "Low back pain, unspecified")),
        };
        var context = new JsonObject
        {
            ["userId"] = "Practitioner/example", ["patientId"] = "1288992", ["selections"] = new JsonArray("MedicationRequest/naproxen"),
            ["draftOrders"] = Bundle(order),
        };
        var neck = new JsonObject { ["resourceType"] = "Condition", ["clinicalStatus"] = Coded("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
            ["code"] = Coded(Icd10, "M54.2", "Cervicalgia"), ["subject"] = new JsonObject { ["reference"] = "Patient/1288992" } };

        var cards = (await CardsAsync(await CallAsync(ehr, CdsCatalogue.ReferralSuggestion,
            Call("order-select", context, new JsonObject { ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "1288992" }, ["conditions"] = Bundle(neck) })))).EnumerateArray().ToList();

        Assert.Equal(2, cards.Count);
        cards.ForEach(AssertWellFormed);
        var back = cards.Single(c => c.GetProperty("summary").GetString()!.Contains("low back pain", StringComparison.Ordinal));
        Assert.Contains("low certainty", back.GetProperty("summary").GetString()); // protocols.json: Low (clinical.md §5)
        Assert.Contains("Cherkin 2011", back.GetProperty("detail").GetString());
        var suggested = back.GetProperty("suggestions")[0].GetProperty("actions")[0].GetProperty("resource").GetRawText();
        var request = JsonSerializer.Deserialize<Hl7.Fhir.Model.ServiceRequest>(suggested, new JsonSerializerOptions().ForFhir(Hl7.Fhir.Model.ModelInfo.ModelInspector))!;
        Assert.Equal("Patient/1288992", request.Subject!.Reference);
        Assert.Equal("M54.50", request.ReasonCode.Single().Coding.Single().Code);
        Assert.Empty(FhirValidation.Errors(request));
        var neckCard = cards.Single(c => c.GetProperty("uuid").GetString() != back.GetProperty("uuid").GetString());
        Assert.Contains("not yet reviewed", neckCard.GetProperty("summary").GetString()); // neck pain: "Not reviewed"
    }

    [Fact]
    public async Task OrderSign_OfMassage_WarnsOfTheScreeningFindings()
    {
        var ehr = await RegisterEhrAsync();
        var massage = new JsonObject
        {
            ["resourceType"] = "ServiceRequest", ["id"] = "massage", ["status"] = "draft", ["intent"] = "order",
            ["code"] = new JsonObject { ["text"] = "Massage therapy" }, ["subject"] = new JsonObject { ["reference"] = "Patient/1288992" },
        };
        var context = new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = "1288992", ["draftOrders"] = Bundle(massage) };
        var warfarin = new JsonObject { ["resourceType"] = "MedicationRequest", ["status"] = "active", ["intent"] = "order",
            ["medicationCodeableConcept"] = Coded("http://www.nlm.nih.gov/research/umls/rxnorm", "855332", "Warfarin Sodium 5 MG Oral Tablet"),
            ["subject"] = new JsonObject { ["reference"] = "Patient/1288992" } };
        var dvt = new JsonObject { ["resourceType"] = "Condition", ["code"] = Coded(Icd10, "I82.401", "Acute embolism and thrombosis of unspecified deep veins of right lower extremity"),
            ["subject"] = new JsonObject { ["reference"] = "Patient/1288992" } };
        var resolved = dvt.DeepClone().AsObject();
        resolved["clinicalStatus"] = Coded("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", "Resolved");

        var cards = (await CardsAsync(await CallAsync(ehr, CdsCatalogue.ReferralSafety,
            Call("order-sign", context, new JsonObject { ["conditions"] = Bundle(dvt), ["medications"] = Bundle(warfarin) })))).EnumerateArray().ToList();
        var whenResolved = (await CardsAsync(await CallAsync(ehr, CdsCatalogue.ReferralSafety,
            Call("order-sign", context.DeepClone(), new JsonObject { ["conditions"] = Bundle(resolved), ["medications"] = Bundle(warfarin.DeepClone()) })))).EnumerateArray().ToList();
        var withoutMedicines = await CallAsync(ehr, CdsCatalogue.ReferralSafety, Call("order-sign", context.DeepClone(), new JsonObject { ["conditions"] = Bundle(dvt.DeepClone()) }));

        cards.ForEach(AssertWellFormed);
        // clinical.md §4: suspected or untreated DVT defers massage; an anticoagulant modifies it (bleeding risk).
        var defer = cards.Single(c => c.GetProperty("indicator").GetString() == "critical");
        Assert.Contains("deep vein thrombosis", defer.GetProperty("summary").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("I82.401", defer.GetProperty("detail").GetString());
        Assert.Contains(cards, c => c.GetProperty("indicator").GetString() == "warning" && c.GetProperty("detail").GetString()!.Contains("anticoagulant", StringComparison.Ordinal));
        Assert.DoesNotContain(whenResolved, c => c.GetProperty("indicator").GetString() == "critical");
        Assert.Equal(HttpStatusCode.PreconditionFailed, withoutMedicines.StatusCode); // a safety check does not pass what it never saw
    }
}

public sealed class CdsHooksSqliteTests(SqliteApp app) : CdsHooksTests(app), IClassFixture<SqliteApp>;

public sealed class CdsHooksPostgreSqlTests(PostgreSqlApp app) : CdsHooksTests(app), IClassFixture<PostgreSqlApp>;
