using System.Net;
using System.Text;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// No input a client can send under /fhir or /connect answers 500 (issue 12 "Done when"): malformed ids, search values,
/// bodies, media types, conditions and OAuth requests each get a 4xx, FHIR ones an OperationOutcome.
/// </summary>
public abstract class FhirMalformedInputTests(TactusApp app)
{
    private static readonly string[] Bodies =
    [
        "", "null", "[]", "{}", "\"x\"", "{\"resourceType\":\"Patient\",\"\":1}", "{\"resourceType\":\"Resource\"}",
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{}]}", "{\"resourceType\":\"ServiceRequest\",\"status\":\"active\",\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/x\"}}",
        "{\"resourceType\":\"ServiceRequest\",\"quantityQuantity\":{\"value\":1e300}}", "{\"resourceType\":\"Patient\",\"birthDate\":\"0000-00-00\"}",
        "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"\"/></Patient>", "\u0000\u0001", new string('[', 5000),
    ];

    private static readonly string[] Reads =
    [
        "/fhir/Patient/%2500", "/fhir/Patient/..%2F..%2Fetc", "/fhir/Patient/" + new string('9', 400), "/fhir/Patient/1/_history/abc",
        "/fhir/Patient?birthdate=eq", "/fhir/Patient?_count=-1", "/fhir/Patient?_count=99999999999", "/fhir/Patient?_cursor=%FF",
        "/fhir/Patient?identifier=|", "/fhir/Patient?name=&family=&given=", "/fhir/Patient?_format=text/html",
        "/fhir/ServiceRequest?status=bogus", "/fhir/ServiceRequest?status=1", "/fhir/ServiceRequest?patient=Patient/x", "/fhir/ServiceRequest?_cursor=1.x",
        "/fhir/ServiceRequest?_cursor=99999999999999999999.00000000000000000000000000000000", "/fhir/ServiceRequest/not-a-guid",
        "/fhir/Observation?patient=x", "/fhir/Observation?patient=" + Guid.NewGuid() + "&date=ge2026-13-45", "/fhir/Observation?patient=" + Guid.NewGuid() + "&date=xx",
        "/fhir/Observation?patient=" + Guid.NewGuid() + "&_cursor=0.0", "/fhir/Observation/%20", "/fhir/DiagnosticReport/{}", "/fhir/Nope?x=1",
        "/fhir/Observation/" + new string('0', 32) + "-pain-sideways", "/fhir/Observation/" + new string('z', 32) + "-pain-before",
        "/fhir/Observation?patient=" + Guid.NewGuid() + "&code=|", "/fhir/Observation?patient=" + Guid.NewGuid() + "&_include=Observation:nope",
        "/fhir/Patient?_summary=data", "/fhir/Patient?_lastUpdated=ge", "/fhir/Patient?_lastUpdated=eq2026-01-01", "/fhir/Patient?_revinclude=*",
        "/fhir/Patient?identifier=a|b|c", "/fhir/ServiceRequest?_include=", "/fhir/Encounter?patient=" + Guid.NewGuid() + "&date=ge",
        "/fhir/Procedure?patient=" + Guid.NewGuid() + "&date=ge2026-02-30", "/fhir/MedicationStatement/" + new string('f', 32), "/fhir/MedicationStatement/x-m1",
        "/fhir/MedicationStatement?patient=%00", "/fhir/AllergyIntolerance/" + Guid.NewGuid().ToString("N") + "-a9", "/fhir/Consent?patient=Patient/",
        "/fhir/Flag?patient=" + Guid.NewGuid() + "&status=" + new string('x', 5000), "/fhir/Flag/{}", "/fhir/CarePlan?status=active", "/fhir/Goal/" + Guid.NewGuid().ToString("N") + "-g0",
        "/fhir/Goal/" + Guid.NewGuid().ToString("N") + "-g99999999999", "/fhir/DocumentReference?patient=x", "/fhir/Binary/x", "/fhir/Binary/" + Guid.NewGuid() + "?_format=xml",
        "/fhir/PractitionerRole/x", "/fhir/PractitionerRole?identifier=|", "/fhir/Coverage?patient=x", "/fhir/Coverage/x", "/fhir/ExplanationOfBenefit/" + Guid.NewGuid(),
        "/fhir/Group/x/$export", "/fhir/Group/%20", "/fhir/$export?_since=%00", "/fhir/bulk-status/%20", "/fhir/bulk-files/" + Guid.NewGuid() + "/%2e%2e",
    ];

    [Fact]
    public async Task NoReadOrSearchValue_Answers500()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var failures = new List<string>();
        foreach (var url in Reads)
        {
            var response = await manager.GetAsync(url);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url} -> {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task NoBodyOrMediaTypeOrCondition_Answers500_AndNothingIsStored()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patients = await app.PatientCountAsync();
        var failures = new List<string>();
        foreach (var (method, url) in new[] { ("POST", "/fhir/Patient"), ("PUT", $"/fhir/Patient/{Guid.NewGuid()}"), ("POST", "/fhir/ServiceRequest"), ("POST", "/fhir/Condition"), ("POST", "/fhir/QuestionnaireResponse"), ("POST", "/fhir") })
        {
            foreach (var body in Bodies)
            {
                foreach (var mediaType in new[] { "application/fhir+json", "application/fhir+xml", "application/x-www-form-urlencoded" })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
                    request.Headers.TryAddWithoutValidation("If-None-Exist", "identifier=|&&&");
                    request.Headers.TryAddWithoutValidation("If-Match", "W/\"x\"");
                    var response = await clinician.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{method} {url} [{mediaType}] {body[..Math.Min(body.Length, 40)]} -> {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(patients, await app.PatientCountAsync());
    }

    [Fact]
    public async Task NoOAuthRequest_Answers500()
    {
        var anonymous = app.CreateBrowserlessClient();
        var signedIn = await app.AsAsync(Roles.Therapist);
        var failures = new List<string>();
        var forms = new[]
        {
            new Dictionary<string, string>(),
            new() { ["grant_type"] = "authorization_code" },
            new() { ["grant_type"] = "authorization_code", ["code"] = "x", ["client_id"] = "nobody", ["redirect_uri"] = "https://x" },
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "garbage" },
            new() { ["grant_type"] = "client_credentials", ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = "a.b.c" },
            new() { ["grant_type"] = "password", ["username"] = "x", ["password"] = "y" },
            new() { ["token"] = "garbage" },
        };
        foreach (var path in new[] { "/connect/token", "/connect/revoke", "/connect/introspect" })
        {
            foreach (var form in forms)
            {
                var response = await anonymous.PostAsync(path, new FormUrlEncodedContent(form));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{path} {string.Join("&", form.Keys)} -> {(int)response.StatusCode}");
                }
            }
        }

        foreach (var query in new[] { "", "?client_id=nobody", "?response_type=code&client_id=nobody&redirect_uri=https://x&scope=openid",
                     "?response_type=token&client_id=x", "?response_type=code&client_id=x&code_challenge=abc&code_challenge_method=plain" })
        {
            foreach (var client in new[] { anonymous, signedIn })
            {
                var response = await client.GetAsync("/connect/authorize" + query);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"/connect/authorize{query} -> {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }
}

public sealed class FhirMalformedInputSqliteTests(SqliteApp app) : FhirMalformedInputTests(app), IClassFixture<SqliteApp>;

public sealed class FhirMalformedInputPostgreSqlTests(PostgreSqlApp app) : FhirMalformedInputTests(app), IClassFixture<PostgreSqlApp>;
