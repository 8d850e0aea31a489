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
/// What a CDS Hooks call must be to be heard (a registered EHR's fresh, signed JWT for this endpoint), the feedback
/// endpoint with the published examples, malformed calls answered as problems, and where Tactus may be sent for data.
/// </summary>
public abstract class CdsHooksSecurityTests(TactusApp app) : CdsHooksTestBase(app)
{
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

        var noToken = await App.CreateBrowserlessClient().PostAsync($"/cds-services/{CdsCatalogue.ReferralSuggestion}", new StringContent(body, Encoding.UTF8, "application/json"));
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
            return await App.CreateBrowserlessClient().SendAsync(request);
        }

        foreach (var example in new[] { "feedback-1.json", "feedback-2.json", "feedback-3.json" })
        {
            var response = await FeedbackAsync(Example(example));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{example}: {await response.Content.ReadAsStringAsync()}");
        }

        var stored = await App.WithDbAsync(db => db.CdsFeedback.IgnoreQueryFilters().Where(f => f.CardId == "9368d37b-283f-44a0-93ea-547cebab93ed").SingleAsync());
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

public sealed class CdsHooksSecuritySqliteTests(SqliteApp app) : CdsHooksSecurityTests(app), IClassFixture<SqliteApp>;

public sealed class CdsHooksSecurityPostgreSqlTests(PostgreSqlApp app) : CdsHooksSecurityTests(app), IClassFixture<PostgreSqlApp>;

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
