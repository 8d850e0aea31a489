using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;

namespace Tactus.Tests.Features.Practitioners;

public sealed class PractitionerPagesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Manager_SuspendsALicence_TheTherapistCanNoLongerBeAssigned_AndTheChangeIsAudited()
    {
        var (userId, practitionerId, licenceId) = await app.NewTherapistAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        var manager = await app.AsAsync(Roles.Manager);
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Ada","familyName":"Quill","birthDate":"1970-01-01"}"""))).ReadAsync<PatientDto>();
        var referral = await (await clinician.PostAsync("/api/referrals", Json.Body($$"""{"patientId":"{{patient!.Id}}","diagnoses":["M54.2"],"reason":"Neck pain"}"""))).ReadAsync<ReferralDto>();
        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);

        var saved = await manager.PostFormAsync("/Practitioners", new() { ["status"] = "Suspended", ["expiresOn"] = "2027-06-30" },
            $"/Practitioners?practitionerId={practitionerId}&licenceId={licenceId}");
        var page = await manager.GetStringAsync("/Practitioners");
        var assign = await manager.PostAsync($"/api/referrals/{referral.Id}/assign", Json.Body($$"""{"therapistId":"{{userId}}"}"""));
        var audit = await app.AuditAfterAsync(AuditMark.Start);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Cannot practise: holds a licence that is suspended", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, assign.StatusCode);
        Assert.Contains(audit, e => e.EntityType == nameof(Licence) && e.EntityId == licenceId.ToString() && e.Action == AuditActions.Update);
    }

    [Theory]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Biller)]
    public async Task CredentialsPage_IsForManagersAndAdministrators(string role)
    {
        var client = await app.AsAsync(role);

        var response = await client.GetAsync("/Practitioners");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoClinicians_HaveValidNpis()
    {
        var manager = await app.AsAsync(Roles.Manager);

        var page = await manager.GetStringAsync("/Practitioners");

        Assert.Contains("1234567893", page, StringComparison.Ordinal);
        Assert.DoesNotContain("check digit wrong", page, StringComparison.Ordinal);
        Assert.Contains(DemoClinic.Staff.First(s => s.Role == Roles.Therapist).DisplayName, page, StringComparison.Ordinal);
    }
}
