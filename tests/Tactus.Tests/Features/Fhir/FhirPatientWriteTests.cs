using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Fhir;
using FhirPatient = Hl7.Fhir.Model.Patient;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// An EHR registers and corrects patients through FHIR (R4 §3.1.0.4, §3.1.0.7, §3.1.0.8.1): the same rules as the
/// form, a conditional create that a retry cannot double, version-aware updates, and a 4xx OperationOutcome, with
/// nothing stored, for every body a client can send wrong.
/// </summary>
public abstract class FhirPatientWriteTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static StringContent FhirJson(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    private static string PatientJson(string family, string given = "Rhea", string birthDate = "1979-05-06", string? id = null) =>
        $$"""
        {"resourceType":"Patient",{{(id is null ? "" : $"\"id\":\"{id}\",")}}
         "name":[{"use":"official","family":"{{family}}","given":["{{given}}","May"]}],
         "gender":"female","birthDate":"{{birthDate}}",
         "telecom":[{"system":"phone","value":"(555) 201-3344"},{"system":"email","value":"rhea@example.org"}],
         "address":[{"use":"home","line":["12 Elm St"],"city":"Portland","state":"OR","postalCode":"97201"}]}
        """;

    private static string UniqueFamily() => "Fhirwrite" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Create_StoresThePatientAsTheFormWould_AndAnswersWithLocationAndVersion()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var family = UniqueFamily();

        var response = await clinician.PostAsync("/fhir/Patient", FhirJson(PatientJson(family)));
        var created = JsonSerializer.Deserialize<FhirPatient>(await response.Content.ReadAsStringAsync(), Fhir)!;
        var stored = await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().SingleAsync(p => p.FamilyName == family));
        var audited = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.PatientId == stored.Id && a.Action == "create"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.EndsWith($"/fhir/Patient/{stored.Id}/_history/1", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal(stored.Id.ToString(), created.Id);
        Assert.Equal((PatientFhir.MrnSystem, stored.Mrn), (created.Identifier[0].System, created.Identifier[0].Value));
        Assert.Equal(("Rhea May", new DateOnly(1979, 5, 6), "(555) 201-3344", "rhea@example.org"), (stored.GivenName, stored.BirthDate, stored.Phone, stored.Email));
        Assert.Equal(("12 Elm St", "Portland", "OR", "97201"), (stored.AddressLine, stored.City, stored.State, stored.PostalCode));
        Assert.True(audited > 0);
    }

    /// <summary>A retried registration (same identifier condition) finds the first and creates nothing (R4 §3.1.0.8.1).</summary>
    [Fact]
    public async Task ConditionalCreate_ByIdentifier_DoesNotDoubleARetry_AndSeveralMatchesAre412()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var family = UniqueFamily();
        var first = JsonSerializer.Deserialize<FhirPatient>(await (await clinician.PostAsync("/fhir/Patient", FhirJson(PatientJson(family)))).Content.ReadAsStringAsync(), Fhir)!;
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/fhir/Patient") { Content = FhirJson(PatientJson(family)) };
        retry.Headers.Add("If-None-Exist", $"identifier={PatientFhir.MrnSystem}|{first.Identifier[0].Value}");
        var retried = await clinician.SendAsync(retry);
        using var byName = new HttpRequestMessage(HttpMethod.Post, "/fhir/Patient") { Content = FhirJson(PatientJson(family, given: "Other", birthDate: "1990-01-02")) };
        byName.Headers.Add("If-None-Exist", $"family={family}&birthdate=1990-01-02");
        var second = await clinician.SendAsync(byName);
        using var ambiguous = new HttpRequestMessage(HttpMethod.Post, "/fhir/Patient") { Content = FhirJson(PatientJson(family)) };
        ambiguous.Headers.Add("If-None-Exist", $"family={family}");
        var severalMatch = await clinician.SendAsync(ambiguous);
        using var unknownCondition = new HttpRequestMessage(HttpMethod.Post, "/fhir/Patient") { Content = FhirJson(PatientJson(family)) };
        unknownCondition.Headers.Add("If-None-Exist", "colour=blue");
        var unknown = await clinician.SendAsync(unknownCondition);
        var count = await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().CountAsync(p => p.FamilyName == family));

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(first.Id, JsonSerializer.Deserialize<FhirPatient>(await retried.Content.ReadAsStringAsync(), Fhir)!.Id);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, severalMatch.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.MultipleMatches, (await OutcomeAsync(severalMatch)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(2, count);
    }

    /// <summary>
    /// An EHR registers a patient with its own identifier: Tactus keeps it, so the EHR finds the patient by it, and a
    /// retry, with or without If-None-Exist, or many at once, registers one patient only.
    /// </summary>
    [Fact]
    public async Task TheEhrsIdentifier_IsKept_AndARetryOrARaceRegistersOnePatient()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var family = UniqueFamily();
        var value = "E-" + Guid.NewGuid().ToString("N")[..10];
        string WithIdentifier(string v) => PatientJson(family).Replace("{\"resourceType\":\"Patient\",", $$"""{"resourceType":"Patient","identifier":[{"system":"https://ehr.riverside.example/mrn","value":"{{v}}"}],""", StringComparison.Ordinal);

        var created = await clinician.PostAsync("/fhir/Patient", FhirJson(WithIdentifier(value)));
        var again = await clinician.PostAsync("/fhir/Patient", FhirJson(WithIdentifier(value)));
        using var conditional = new HttpRequestMessage(HttpMethod.Post, "/fhir/Patient") { Content = FhirJson(WithIdentifier(value)) };
        conditional.Headers.Add("If-None-Exist", $"identifier=https://ehr.riverside.example/mrn|{value}");
        var conditionalRetry = await clinician.SendAsync(conditional);
        var found = JsonSerializer.Deserialize<Hl7.Fhir.Model.Bundle>(await clinician.GetStringAsync($"/fhir/Patient?identifier=https://ehr.riverside.example/mrn|{value}"), Fhir)!;
        var patient = JsonSerializer.Deserialize<FhirPatient>(await created.Content.ReadAsStringAsync(), Fhir)!;

        // Six at once with a new identifier (a namesake of the first, so only the identifier tells them apart from it).
        var raced = "R-" + Guid.NewGuid().ToString("N")[..10];
        var family2 = UniqueFamily();
        string Raced() => PatientJson(family2).Replace("{\"resourceType\":\"Patient\",", $$"""{"resourceType":"Patient","identifier":[{"system":"https://ehr.riverside.example/mrn","value":"{{raced}}"}],""", StringComparison.Ordinal);
        var race = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 6).Select(_ => clinician.PostAsync("/fhir/Patient", FhirJson(Raced()))));
        var racedCount = await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().CountAsync(p => p.ExternalId == raced));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(patient.Id, JsonSerializer.Deserialize<FhirPatient>(await again.Content.ReadAsStringAsync(), Fhir)!.Id);
        Assert.Equal(HttpStatusCode.OK, conditionalRetry.StatusCode);
        Assert.Equal(patient.Id, Assert.Single(found.Entry).Resource!.Id);
        Assert.Contains(patient.Identifier, i => i.System == "https://ehr.riverside.example/mrn" && i.Value == value);
        Assert.Equal(1, await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().CountAsync(p => p.FamilyName == family)));
        Assert.Equal(1, racedCount);
        Assert.All(race, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)r.StatusCode}"));
        Assert.Single(race, r => r.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>Bodies a client can get wrong: each is a 4xx OperationOutcome and nothing is stored.</summary>
    [Theory]
    [InlineData("""{"resourceType":"Patient","":1}""", "application/fhir+json", 400)]
    [InlineData("""{"resourceType":"Resource"}""", "application/fhir+json", 400)]
    [InlineData("""{"resourceType":"Patient","name":[{"family":"X"}],"colour":"blue"}""", "application/fhir+json", 400)]
    [InlineData("""{"resourceType":"Patient","birthDate":"06/05/1979"}""", "application/fhir+json", 400)]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"}}""", "application/fhir+json", 400)]
    [InlineData("""{"resourceType":"Patient",""", "application/fhir+json", 400)]
    [InlineData("""[1,2]""", "application/json", 400)]
    [InlineData("", "application/fhir+json", 400)]
    [InlineData("""<Patient xmlns="http://hl7.org/fhir"><colour value="x"/></Patient>""", "application/fhir+xml", 400)]
    [InlineData("""<Patient xmlns="http://hl7.org/fhir"><name>""", "application/fhir+xml", 400)]
    [InlineData("""{"resourceType":"Patient"}""", "text/plain", 415)]
    [InlineData("""{"resourceType":"Patient","gender":"female"}""", "application/fhir+json", 422)]
    [InlineData("""{"resourceType":"Patient","name":[{"family":"Lo","given":["Al"]}],"birthDate":"1979"}""", "application/fhir+json", 422)]
    [InlineData("""{"resourceType":"Patient","name":[{"family":"Lo","given":["Al"]}],"birthDate":"2150-01-01"}""", "application/fhir+json", 422)]
    public async Task MalformedOrInvalidBodies_AreRefusedWithAnOutcome_AndStoreNothing(string body, string contentType, int status)
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var before = await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().CountAsync());

        var response = await clinician.PostAsync("/fhir/Patient", new StringContent(body, Encoding.UTF8, contentType));
        var outcome = await OutcomeAsync(response);
        var after = await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().CountAsync());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, outcome.Issue[0].Severity);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Issue[0].Diagnostics));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Invalid_NamesEveryElementToFix()
    {
        var clinician = await app.AsAsync(Roles.Clinician);

        var response = await clinician.PostAsync("/fhir/Patient", FhirJson("""
            {"resourceType":"Patient","name":[{"given":["Al"]}],"birthDate":"1979",
             "telecom":[{"system":"email","value":"not-an-address"}],"address":[{"state":"Oregon"}]}
            """));
        var outcome = await OutcomeAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["Patient.address.state", "Patient.birthDate", "Patient.name.family", "Patient.telecom"],
            outcome.Issue.SelectMany(i => i.Expression).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_WithTheVersionRead_Applies_AStaleVersionIs412_AndNothingChanges()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var family = UniqueFamily();
        var created = JsonSerializer.Deserialize<FhirPatient>(await (await clinician.PostAsync("/fhir/Patient", FhirJson(PatientJson(family)))).Content.ReadAsStringAsync(), Fhir)!;

        using var update = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Patient/{created.Id}") { Content = FhirJson(PatientJson(family, given: "Rhia", id: created.Id)) };
        update.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        var updated = await clinician.SendAsync(update);
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Patient/{created.Id}") { Content = FhirJson(PatientJson(family, given: "Stale", id: created.Id)) };
        stale.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        var staleResponse = await clinician.SendAsync(stale);
        var wrongId = await clinician.PutAsync($"/fhir/Patient/{created.Id}", FhirJson(PatientJson(family, id: Guid.NewGuid().ToString())));
        var unknown = Guid.NewGuid().ToString();
        var missing = await clinician.PutAsync($"/fhir/Patient/{unknown}", FhirJson(PatientJson(family, id: unknown)));
        var stored = await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().SingleAsync(p => p.FamilyName == family));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("W/\"2\"", updated.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Conflict, (await OutcomeAsync(staleResponse)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.BadRequest, wrongId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(("Rhia May", 2), (stored.GivenName, stored.Version));
    }

    [Fact]
    public async Task Update_OfAnotherOrganisationsPatient_Is404_AndABillerMayNotWrite()
    {
        var other = await app.OtherOrganizationPatientAsync();
        var clinician = await app.AsAsync(Roles.Clinician);
        var biller = await app.AsAsync(Roles.Biller);

        var foreign = await clinician.PutAsync($"/fhir/Patient/{other.Id}", FhirJson(PatientJson("Taken", id: other.Id.ToString())));
        var byBiller = await biller.PostAsync("/fhir/Patient", FhirJson(PatientJson(UniqueFamily())));
        var untouched = await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().SingleAsync(p => p.Id == other.Id));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(other.FamilyName, untouched.FamilyName);
        Assert.Equal(HttpStatusCode.Forbidden, byBiller.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, (await OutcomeAsync(byBiller)).Issue[0].Code);
    }

    [Fact]
    public async Task XmlCreate_AndVreadOfTheCurrentVersion_AndHistory()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var family = UniqueFamily();
        var xml = new FhirXmlSerializer().SerializeToString(JsonSerializer.Deserialize<FhirPatient>(PatientJson(family), Fhir)!);

        var created = await clinician.PostAsync("/fhir/Patient", new StringContent(xml, Encoding.UTF8, "application/fhir+xml"));
        var id = (await app.WithDbAsync(db => db.Patients.IgnoreQueryFilters().SingleAsync(p => p.FamilyName == family))).Id;
        var version1 = await clinician.GetAsync($"/fhir/Patient/{id}/_history/1");
        var version9 = await clinician.GetAsync($"/fhir/Patient/{id}/_history/9");
        var history = JsonSerializer.Deserialize<Hl7.Fhir.Model.Bundle>(await (await clinician.GetAsync($"/fhir/Patient/{id}/_history")).Content.ReadAsStringAsync(), Fhir)!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/fhir+xml", created.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, version1.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, version9.StatusCode);
        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.History, history.Type);
        Assert.Equal(id.ToString(), Assert.Single(history.Entry).Resource!.Id);
    }

    private static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.Contains("fhir+", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        return response.Content.Headers.ContentType!.MediaType!.EndsWith("xml", StringComparison.Ordinal)
            ? new FhirXmlDeserializer().Deserialize<OperationOutcome>(text)
            : JsonSerializer.Deserialize<OperationOutcome>(text, Fhir)!;
    }
}

public sealed class FhirPatientWriteSqliteTests(SqliteApp app) : FhirPatientWriteTests(app), IClassFixture<SqliteApp>;

public sealed class FhirPatientWritePostgreSqlTests(PostgreSqlApp app) : FhirPatientWriteTests(app), IClassFixture<PostgreSqlApp>;
