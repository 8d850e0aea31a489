using System.Text.Json;
using Hl7.Fhir.Serialization;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// Every resource Tactus serves validates against base R4 with the Firely validator, 0 errors (issue: "0 validator
/// errors over every resource type served"). DiagnosticReport, draft and final, is validated in ReportsApiTests' loop.
/// </summary>
public abstract class FhirValidationTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(Hl7.Fhir.Model.ModelInfo.ModelInspector);

    [Fact]
    public async Task ServedResources_ValidateWithoutErrors()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);
        var served = new Dictionary<string, string>
        {
            ["CapabilityStatement"] = "/fhir/metadata",
            ["Patient"] = $"/fhir/Patient/{patient.Id}",
            ["Bundle searchset"] = $"/fhir/Patient?family={patient.FamilyName}&_count=2&colour=blue",
            ["Bundle history"] = $"/fhir/Patient/{patient.Id}/_history",
            ["OperationOutcome"] = $"/fhir/Patient/{Guid.NewGuid()}",
        };

        var practitioners = JsonSerializer.Deserialize<Hl7.Fhir.Model.Bundle>(
            await (await therapist.GetAsync("/fhir/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893")).Content.ReadAsStringAsync(), Fhir)!;
        var clinicianPractitioner = Assert.Single(practitioners.Entry).Resource!;
        served["Practitioner"] = $"/fhir/Practitioner/{clinicianPractitioner.Id}";
        served["Practitioner search"] = "/fhir/Practitioner?name=a";
        served["PractitionerRole"] = $"/fhir/PractitionerRole/{clinicianPractitioner.Id}";
        served["PractitionerRole search"] = "/fhir/PractitionerRole?identifier=http://hl7.org/fhir/sid/us-npi|1234567893";
        served["Organization"] = $"/fhir/Organization/{patient.OrganizationId}";
        served["Group"] = "/fhir/Group/chronic-low-back-pain";
        served["Group search"] = "/fhir/Group";
        var errors = new List<string>();
        foreach (var (name, url) in served)
        {
            var resource = JsonSerializer.Deserialize<Resource>(await (await therapist.GetAsync(url)).Content.ReadAsStringAsync(), Fhir)!;
            errors.AddRange(FhirValidation.Errors(resource).Select(e => $"{name}: {e}"));
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}

public sealed class FhirValidationSqliteTests(SqliteApp app) : FhirValidationTests(app), IClassFixture<SqliteApp>;

public sealed class FhirValidationPostgreSqlTests(PostgreSqlApp app) : FhirValidationTests(app), IClassFixture<PostgreSqlApp>;
