using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;

namespace Tactus.Tests.Features.Referrals;

/// <summary>The referral code list is extensible per organisation (issue 03 §2), and only for that organisation.</summary>
public sealed class DiagnosisCodesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static StringContent Referral(Guid patientId, string code) =>
        Json.Body($$"""{"patientId":"{{patientId}}","diagnoses":["{{code}}"],"reason":"Jaw pain"}""");

    [Fact]
    public async Task AdministratorAddsACode_ItsClinicianCanReferWithIt_AnotherOrganisationCannot()
    {
        var admin = await app.AsAsync(Roles.Administrator);
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Tomas","familyName":"Reyes","birthDate":"1980-04-04"}"""))).ReadAsync<PatientDto>();
        var foreignClinician = await app.AsAsync(Roles.Clinician, TactusApp.OtherEmailDomain);
        var foreignPatient = await (await foreignClinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Ines","familyName":"Moreau","birthDate":"1981-05-05"}"""))).ReadAsync<PatientDto>();

        var before = await clinician.PostAsync("/api/referrals", Referral(patient!.Id, "M26.609"));
        var added = await admin.PostFormAsync("/Admin/Diagnoses", new() { ["Code"] = "m26609", ["Display"] = "Unspecified temporomandibular joint disorder, unspecified side" });
        var after = await (await clinician.PostAsync("/api/referrals", Referral(patient.Id, "M26.609"))).ReadAsync<ReferralDto>();
        var foreign = await foreignClinician.PostAsync("/api/referrals", Referral(foreignPatient!.Id, "M26.609"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(("M26.609", "Unspecified temporomandibular joint disorder, unspecified side"), (after!.Diagnoses[0].Code, after.Diagnoses[0].Display));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
    }

    [Theory]
    [InlineData("M54.50", "already on the list")]
    [InlineData("not a code", "Enter an ICD-10-CM code")]
    public async Task AddingABundledOrMalformedCode_IsRefused(string code, string message)
    {
        var admin = await app.AsAsync(Roles.Administrator);

        var response = await admin.PostFormAsync("/Admin/Diagnoses", new() { ["Code"] = code, ["Display"] = "x" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
