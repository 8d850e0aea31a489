using System.Net;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Fhir;
using CapabilityStatement = Hl7.Fhir.Model.CapabilityStatement;
using FhirPatient = Hl7.Fhir.Model.Patient;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// The FHIR interface as an EHR's client meets it: a public capability statement that says what is served, a patient
/// read with its version, and an OperationOutcome (never an HTML page) for every refusal.
/// </summary>
public abstract class FhirApiTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    [Fact]
    public async Task Metadata_IsPublic_AndNamesTheInteractionsServed()
    {
        var anonymous = app.CreateBrowserlessClient();

        var response = await anonymous.GetAsync("/fhir/metadata");
        var capabilities = JsonSerializer.Deserialize<CapabilityStatement>(await response.Content.ReadAsStringAsync(), Fhir)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('\n', await response.Content.ReadAsStringAsync()); // compact unless asked
        Assert.Contains('\n', await anonymous.GetStringAsync("/fhir/metadata?_pretty=true"));
        Assert.Equal(Hl7.Fhir.Model.FHIRVersion.N4_0_1, capabilities.FhirVersion);
        var served = capabilities.Rest.Single().Resource.ToDictionary(r => r.Type ?? "", r => r.Interaction.Select(i => i.Code).ToList());
        Assert.Equal(["AllergyIntolerance", "Binary", "CarePlan", "Condition", "Consent", "Coverage", "DiagnosticReport", "DocumentReference", "Encounter", "ExplanationOfBenefit", "Flag", "Goal", "Group", "MedicationStatement", "Observation", "Organization", "Patient", "Practitioner", "PractitionerRole", "Procedure", "Questionnaire", "QuestionnaireResponse", "ServiceRequest"],
            served.Keys.Order());
        // Every type read by id answers vread and its instance history (FhirVersions) but Binary, a PDF rendered at each read.
        var readable = new CapabilityStatement.TypeRestfulInteraction?[] { CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread, CapabilityStatement.TypeRestfulInteraction.HistoryInstance };
        Assert.Equal([.. readable, CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create],
            served["ServiceRequest"]);
        Assert.Equal([CapabilityStatement.TypeRestfulInteraction.Read], served["Binary"]);
        Assert.Contains(capabilities.Rest.Single().Interaction, i => i.Code == CapabilityStatement.SystemRestfulInteraction.Transaction);
        Assert.Equal("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export", capabilities.Rest.Single().Operation.Single().Definition);
        var security = capabilities.Rest.Single().Security!;
        Assert.Equal("SMART-on-FHIR", security.Service.Single().Coding.Single().Code);
        var oauth = security.Extension.Single(e => e.Url == "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        Assert.EndsWith("/connect/token", Assert.IsType<Hl7.Fhir.Model.FhirUri>(oauth.Extension.Single(e => e.Url == "token").Value).Value, StringComparison.Ordinal);
        Assert.Equal(readable, served["DiagnosticReport"]);
        Assert.Equal(
            [
                CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread,
                CapabilityStatement.TypeRestfulInteraction.HistoryInstance, CapabilityStatement.TypeRestfulInteraction.SearchType,
                CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Update,
            ],
            served["Patient"]);
        var patient = capabilities.Rest.Single().Resource.Single(r => r.Type == "Patient");
        Assert.Equal((true, false, CapabilityStatement.ResourceVersionPolicy.VersionedUpdate), (patient.ConditionalCreate, patient.UpdateCreate, patient.Versioning));
        Assert.Equal(["_id", "_lastUpdated", "birthdate", "family", "gender", "given", "identifier", "name"],
            capabilities.Rest.Single().Resource.Single(r => r.Type == "Patient").SearchParam.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("ServiceRequest:patient", patient.SearchRevInclude);
    }

    [Fact]
    public async Task PatientRead_ReturnsTheRecordWithItsVersion_AndIsAudited()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);

        var response = await therapist.GetAsync($"/fhir/Patient/{patient.Id}");
        var resource = JsonSerializer.Deserialize<FhirPatient>(await response.Content.ReadAsStringAsync(), Fhir)!;
        var audited = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.PatientId == patient.Id && a.Action == "read" && a.EntityType == "Patient"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"W/\"{patient.Version}\"", response.Headers.ETag?.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal(patient.Id.ToString(), resource.Id);
        Assert.Equal((PatientFhir.MrnSystem, patient.Mrn), (resource.Identifier[0].System, resource.Identifier[0].Value));
        Assert.Equal(patient.FamilyName, resource.Name[0].Family);
        Assert.Equal(patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), resource.BirthDate);
        Assert.True(audited > 0);
    }

    [Fact]
    public async Task PatientOfAnotherOrganisation_OrUnknown_Answers404Outcome()
    {
        var other = await app.OtherOrganizationPatientAsync();
        var therapist = await app.AsAsync(Roles.Therapist);

        var foreignOrganization = await therapist.GetAsync($"/fhir/Organization/{other.OrganizationId}");
        Assert.Equal(HttpStatusCode.NotFound, foreignOrganization.StatusCode);
        foreach (var id in new[] { other.Id.ToString(), Guid.NewGuid().ToString(), "not-an-id" })
        {
            var response = await therapist.GetAsync($"/fhir/Patient/{id}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(OperationOutcome.IssueType.NotFound, (await OutcomeAsync(response)).Issue[0].Code);
        }
    }

    /// <summary>A refusal a FHIR client can read: signed out, a role without clinical records, an unknown route, a wrong method.</summary>
    [Fact]
    public async Task Refusals_AnswerOperationOutcomes_NeverTheHtmlErrorPage()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var anonymous = app.CreateBrowserlessClient();
        var researcher = await app.AsAsync(Roles.Researcher); // counts, never a record
        var therapist = await app.AsAsync(Roles.Therapist);

        var signedOut = await anonymous.GetAsync($"/fhir/Patient/{patient.Id}");
        var forbidden = await researcher.GetAsync($"/fhir/Patient/{patient.Id}");
        var unknownRoute = await therapist.GetAsync("/fhir/Basket/1");
        var wrongMethod = await therapist.DeleteAsync($"/fhir/Patient/{patient.Id}");

        Assert.Equal((HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login), (signedOut.StatusCode, (await OutcomeAsync(signedOut)).Issue[0].Code));
        Assert.Equal((HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden), (forbidden.StatusCode, (await OutcomeAsync(forbidden)).Issue[0].Code));
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, (await OutcomeAsync(unknownRoute)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, (await OutcomeAsync(wrongMethod)).Issue[0].Code);
    }

    [Fact]
    public async Task PatientSearch_ByFamily_PagesThroughEveryMatchOnce_AndGivenIsNotFamily()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var family = "Fhirsearch" + Guid.NewGuid().ToString("N")[..6];
        var created = new List<string>();
        foreach (var given in new[] { "Ada", "Bo", "Cy" })
        {
            var response = await manager.PostAsync("/api/patients", Json.Body(
                $$"""{"confirmNotDuplicate":true,"givenName":"{{given}}","familyName":"{{family}}","birthDate":"1982-03-04"}"""));
            created.Add((await response.ReadAsync<Tactus.Web.Features.Patients.PatientDto>())!.Id.ToString());
        }

        var seen = new List<string>();
        string? next = $"/fhir/Patient?family={family.ToLowerInvariant()}&_count=2";
        var pages = 0;
        while (next is not null && pages++ < 5)
        {
            var bundle = await BundleAsync(await manager.GetAsync(next));
            Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Searchset, bundle.Type);
            seen.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
            next = bundle.Link.SingleOrDefault(l => l.Relation == "next")?.Url;
        }

        var byGiven = await BundleAsync(await manager.GetAsync($"/fhir/Patient?given={family}"));

        Assert.Equal(2, pages);
        Assert.Equal(created, seen);
        Assert.Empty(byGiven.Entry);
    }

    [Fact]
    public async Task PatientSearch_ByIdentifier_IsExact_AndUnknownParametersAreReportedOrRefused()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);

        var byMrn = await BundleAsync(await therapist.GetAsync($"/fhir/Patient?identifier={PatientFhir.MrnSystem}|{patient.Mrn}&colour=blue"));
        var otherSystem = await BundleAsync(await therapist.GetAsync($"/fhir/Patient?identifier=urn:other|{patient.Mrn}"));
        using var strictRequest = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Patient?identifier={patient.Mrn}&colour=blue");
        strictRequest.Headers.Add("Prefer", "handling=strict");
        var strict = await therapist.SendAsync(strictRequest);
        var badCount = await therapist.GetAsync("/fhir/Patient?family=a&_count=0");
        var badDate = await therapist.GetAsync("/fhir/Patient?birthdate=ge1980");

        Assert.Equal(patient.Id.ToString(), Assert.Single(byMrn.Entry, e => e.Search!.Mode == Hl7.Fhir.Model.Bundle.SearchEntryMode.Match).Resource!.Id);
        var warning = Assert.IsType<OperationOutcome>(Assert.Single(byMrn.Entry, e => e.Search!.Mode == Hl7.Fhir.Model.Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Contains("colour", warning.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Empty(otherSystem.Entry);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, (await OutcomeAsync(strict)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.BadRequest, badCount.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Invalid, (await OutcomeAsync(badDate)).Issue[0].Code);
    }

    /// <summary>XML when the client asks for it by _format or by Accept, refusals included (FHIR R4 §2.1.0).</summary>
    [Fact]
    public async Task Xml_WhenAskedForByFormatOrAccept_IncludingOutcomes()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);
        var xml = new FhirXmlDeserializer();

        var byFormat = await therapist.GetAsync($"/fhir/Patient/{patient.Id}?_format=xml");
        using var acceptXml = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Patient/{Guid.NewGuid()}");
        acceptXml.Headers.Accept.ParseAdd("application/fhir+xml");
        var notFound = await therapist.SendAsync(acceptXml);

        Assert.Equal("application/fhir+xml", byFormat.Content.Headers.ContentType?.MediaType);
        Assert.Equal(patient.Id.ToString(), xml.Deserialize<FhirPatient>(await byFormat.Content.ReadAsStringAsync()).Id);
        Assert.Equal((HttpStatusCode.NotFound, "application/fhir+xml"), (notFound.StatusCode, notFound.Content.Headers.ContentType?.MediaType));
        Assert.Equal(OperationOutcome.IssueType.NotFound, xml.Deserialize<OperationOutcome>(await notFound.Content.ReadAsStringAsync()).Issue[0].Code);
    }

    private static async Task<Hl7.Fhir.Model.Bundle> BundleAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<Hl7.Fhir.Model.Bundle>(await response.Content.ReadAsStringAsync(), Fhir)!;
    }

    private static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(), Fhir)!;
    }
}

public sealed class FhirApiSqliteTests(SqliteApp app) : FhirApiTests(app), IClassFixture<SqliteApp>;

public sealed class FhirApiPostgreSqlTests(PostgreSqlApp app) : FhirApiTests(app), IClassFixture<PostgreSqlApp>;
