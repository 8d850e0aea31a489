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
/// The CDS Hooks 2.0 service driven as an EHR drives it: discovery, the published request examples, the three services
/// with prefetched data and with the EHR's FHIR server (here Tactus's own /fhir) read through fhirAuthorization, JWT
/// authentication of the client, and feedback. Screening findings follow clinical.md §4, evidence clinical.md §5.
/// </summary>
public abstract class CdsHooksTests(TactusApp app)
{
    private sealed record Ehr(string Issuer, RsaSecurityKey Key);

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "CdsHooks", "Examples", name));

    private async Task<Ehr> RegisterEhrAsync()
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId });
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", n = jwk.N, e = jwk.E, kid = jwk.Kid, alg = "RS384", use = "sig" } } });
        // Same origin as the tests' server: the EHR's FHIR server is this Tactus's /fhir.
        var issuer = $"http://localhost/ehr-{Guid.NewGuid():N}";
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail(Roles.Manager)).Select(u => u.OrganizationId).SingleAsync());
        await using var scope = app.SystemScope();
        await scope.ServiceProvider.GetRequiredService<CdsClients>().RegisterAsync(organizationId, new CdsClients.Registration("Riverside EHR", issuer, jwks));
        return new Ehr(issuer, key);
    }

    private string Jwt(Ehr ehr, string audience, string? jti = null, SecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha384, TimeSpan? lifetime = null, string? issuer = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? ehr.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(2)),
            Claims = new Dictionary<string, object> { ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(key ?? ehr.Key, algorithm),
        });
    }

    private Task<HttpResponseMessage> CallAsync(Ehr ehr, string service, string body, string? token = null, string mediaType = "application/json")
    {
        var client = app.CreateBrowserlessClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/cds-services/{service}") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Jwt(ehr, $"http://localhost/cds-services/{service}"));
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> CardsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("cards").Clone();
    }

    /// <summary>A card as CDS Hooks 2.0 "Card Attributes" requires it.</summary>
    private static void AssertWellFormed(JsonElement card)
    {
        Assert.True(card.GetProperty("summary").GetString()!.Length < 140);
        Assert.Contains(card.GetProperty("indicator").GetString(), new[] { "info", "warning", "critical" });
        Assert.False(string.IsNullOrEmpty(card.GetProperty("source").GetProperty("label").GetString()));
        Assert.True(Guid.TryParse(card.GetProperty("uuid").GetString(), out _));
        if (card.TryGetProperty("suggestions", out var suggestions))
        {
            Assert.Contains(card.GetProperty("selectionBehavior").GetString(), new[] { "at-most-one", "any" });
            Assert.All(suggestions.EnumerateArray(), s => Assert.All(s.GetProperty("actions").EnumerateArray(),
                a => Assert.Contains(a.GetProperty("type").GetString(), new[] { "create", "update", "delete" })));
        }

        if (card.TryGetProperty("overrideReasons", out var reasons))
        {
            Assert.All(reasons.EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("display").GetString())));
        }
    }

    private static string Call(string hook, JsonNode context, JsonObject? prefetch = null, JsonObject? fhir = null)
    {
        var call = new JsonObject { ["hook"] = hook, ["hookInstance"] = Guid.NewGuid().ToString(), ["context"] = context };
        if (prefetch is not null)
        {
            call["prefetch"] = prefetch;
        }

        if (fhir is not null)
        {
            foreach (var (name, value) in fhir)
            {
                call[name] = value?.DeepClone();
            }
        }

        return call.ToJsonString();
    }

    private static JsonObject Bundle(params JsonNode[] resources) => new()
    {
        ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r }).ToArray()),
    };

    private static JsonObject Coded(string system, string code, string display) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code, ["display"] = display }), ["text"] = display };

    private const string Icd10 = "http://hl7.org/fhir/sid/icd-10-cm";

    [Fact]
    public async Task Discovery_ListsTheServices_WithTheirPrefetch()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/cds-services");
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
        var patientId = await app.WithDbAsync(db => db.Referrals.Where(r => r.Status != ReferralStatus.Draft && r.OrganizationId == db.Users
            .Where(u => u.Email == SignIn.DemoEmail(Roles.Manager)).Select(u => u.OrganizationId).Single()).Select(r => r.PatientId).FirstAsync());
        var backend = await app.BackendClientAsync(await app.RegisterBackendAsync(["system/Patient.rs"]), "system/Patient.rs");
        var patient = JsonNode.Parse(await backend.GetStringAsync($"/fhir/Patient/{patientId}"))!;

        var cards = await CardsAsync(await CallAsync(ehr, CdsCatalogue.ProgrammeStatus,
            Call("patient-view", new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = "ehr-1288992" }, new JsonObject { ["patient"] = patient })));
        var audited = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
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
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var accessToken = await app.BackendAccessTokenAsync(await app.RegisterBackendAsync(["system/Patient.rs"]), "system/Patient.rs");
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

        var referred = await app.WithDbAsync(db => db.Referrals.AnyAsync(r => r.PatientId == patient.Id && r.Status != ReferralStatus.Draft));
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

    [Fact]
    public async Task OnlyARegisteredEhrsFreshSignedJwt_ForThisEndpoint_IsAccepted()
    {
        var ehr = await RegisterEhrAsync();
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = ehr.Key.KeyId };
        var audience = $"http://localhost/cds-services/{CdsCatalogue.ReferralSuggestion}";
        var body = Call("order-select", new JsonObject { ["patientId"] = "1", ["draftOrders"] = Bundle() });
        var replayed = Jwt(ehr, audience);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(ehr, CdsCatalogue.ReferralSuggestion, body, replayed)).StatusCode);

        var refused = new Dictionary<string, string>
        {
            ["replayed jti"] = replayed,
            ["another service's audience"] = Jwt(ehr, $"http://localhost/cds-services/{CdsCatalogue.ProgrammeStatus}"),
            ["an unregistered issuer"] = Jwt(ehr, audience, issuer: "http://localhost/not-registered"),
            ["another key"] = Jwt(ehr, audience, key: stranger),
            ["a shared secret (HS256)"] = Jwt(ehr, audience, key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = ehr.Key.KeyId }, algorithm: SecurityAlgorithms.HmacSha256),
            ["a day's lifetime"] = Jwt(ehr, audience, lifetime: TimeSpan.FromDays(1)),
            ["not a JWT"] = "some-opaque-token",
        };
        foreach (var (why, token) in refused)
        {
            var response = await CallAsync(ehr, CdsCatalogue.ReferralSuggestion, body, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
        }

        var noToken = await app.CreateBrowserlessClient().PostAsync($"/cds-services/{CdsCatalogue.ReferralSuggestion}", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    [Fact]
    public async Task Feedback_PublishedExamples_AreStored_AndBadInputIsRefused()
    {
        var ehr = await RegisterEhrAsync();
        async Task<HttpResponseMessage> FeedbackAsync(string body, string mediaType = "application/json")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/cds-services/{CdsCatalogue.ReferralSuggestion}/feedback") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jwt(ehr, $"http://localhost/cds-services/{CdsCatalogue.ReferralSuggestion}/feedback"));
            return await app.CreateBrowserlessClient().SendAsync(request);
        }

        foreach (var example in new[] { "feedback-1.json", "feedback-2.json", "feedback-3.json" })
        {
            var response = await FeedbackAsync(Example(example));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{example}: {await response.Content.ReadAsStringAsync()}");
        }

        var stored = await app.WithDbAsync(db => db.CdsFeedback.IgnoreQueryFilters().Where(f => f.CardId == "9368d37b-283f-44a0-93ea-547cebab93ed").SingleAsync());
        Assert.Equal(("overridden", "d7ecf885", "A comment entered by the clinician."), (stored.Outcome, stored.OverrideReasonCode, stored.OverrideComment));
        Assert.Equal(HttpStatusCode.BadRequest, (await FeedbackAsync("""{"feedback":[{"card":"x","outcome":"liked","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await FeedbackAsync("""{"feedback":[{"card":"x","outcome":"accepted","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await FeedbackAsync("""{"feedback":""")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await FeedbackAsync("feedback", "text/plain")).StatusCode);
    }

    [Fact]
    public async Task MalformedCalls_AreProblems_NeverAServerError()
    {
        var ehr = await RegisterEhrAsync();
        var bodies = new (string Service, string Body, HttpStatusCode Expected)[]
        {
            (CdsCatalogue.ProgrammeStatus, "{", HttpStatusCode.BadRequest),
            (CdsCatalogue.ProgrammeStatus, "[]", HttpStatusCode.BadRequest),
            (CdsCatalogue.ProgrammeStatus, """{"hook":"order-sign","hookInstance":"1","context":{"patientId":"1"}}""", HttpStatusCode.BadRequest),
            (CdsCatalogue.ProgrammeStatus, """{"hook":"patient-view","hookInstance":"1","context":"patient"}""", HttpStatusCode.BadRequest),
            (CdsCatalogue.ProgrammeStatus, """{"hook":"patient-view","hookInstance":"1","context":{"patientId":"1"},"prefetch":{"patient":[1,2]}}""", HttpStatusCode.PreconditionFailed),
            (CdsCatalogue.ProgrammeStatus, """{"hook":"patient-view","hookInstance":"1","context":{"patientId":"1"},"prefetch":{"patient":{"identifier":[{"type":"MR","value":7}]}}}""", HttpStatusCode.OK),
            (CdsCatalogue.ProgrammeStatus, """{"hook":"patient-view","hookInstance":"1","context":{"patientId":"1"},"fhirAuthorization":{"access_token":"x"}}""", HttpStatusCode.BadRequest),
            (CdsCatalogue.ReferralSuggestion, """{"hook":"order-select","hookInstance":"1","context":{"patientId":"1","draftOrders":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationRequest","reasonCode":{"coding":"M54.5"}}},7]}}}""", HttpStatusCode.OK),
            (CdsCatalogue.ReferralSafety, """{"hook":"order-sign","hookInstance":"1","context":{"patientId":"1","draftOrders":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"ServiceRequest","code":{"text":"massage"}}}]}},"prefetch":{"conditions":{"resourceType":"Bundle","entry":"x"},"medications":{"resourceType":"Bundle"}}}""", HttpStatusCode.OK),
            ("no-such-service", """{"hook":"patient-view"}""", HttpStatusCode.NotFound),
        };
        foreach (var (service, body, expected) in bodies)
        {
            var response = await CallAsync(ehr, service, body);
            Assert.True(response.StatusCode == expected, $"{body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await CallAsync(ehr, CdsCatalogue.ProgrammeStatus, "x=1", mediaType: "application/x-www-form-urlencoded")).StatusCode);
    }
}

/// <summary>Where a CDS call may send Tactus: the EHR's own origin only (no request can make it call another host).</summary>
public sealed class CdsFhirServerOriginTests
{
    [Theory]
    [InlineData("https://ehr.example.org/fhir/r4", "https://ehr.example.org/", true)]
    [InlineData("https://EHR.example.org/fhir", "https://ehr.example.org/issuer", true)]
    [InlineData("http://169.254.169.254/latest/meta-data", "https://ehr.example.org/", false)]
    [InlineData("https://ehr.example.org:8443/fhir", "https://ehr.example.org/", false)]
    [InlineData("http://ehr.example.org/fhir", "https://ehr.example.org/", false)]
    [InlineData("https://ehr.example.org.evil.example/fhir", "https://ehr.example.org/", false)]
    [InlineData("file:///etc/passwd", "file:///etc/", false)]
    [InlineData("not a url", "https://ehr.example.org/", false)]
    public void OnlyTheIssuersOrigin_IsCalled(string fhirServer, string issuer, bool allowed) =>
        Assert.Equal(allowed, CdsFhirData.SameOrigin(fhirServer, issuer, out _));
}

public sealed class CdsHooksSqliteTests(SqliteApp app) : CdsHooksTests(app), IClassFixture<SqliteApp>;

public sealed class CdsHooksPostgreSqlTests(PostgreSqlApp app) : CdsHooksTests(app), IClassFixture<PostgreSqlApp>;
