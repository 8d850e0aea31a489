using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Patients;

/// <summary>
/// Role and relationship rules over HTTP: another organisation's record, a patient outside the care team,
/// and one that does not exist all answer the same 404 (SR-03; Medplum's not-found pattern).
/// </summary>
public abstract class PatientAccessTests(TactusApp app)
{
    [Fact]
    public async Task Get_OtherOrganizationsPatient_Answers404LikeANonexistentId()
    {
        var foreign = await app.OtherOrganizationPatientAsync();
        var client = await app.AsAsync(Roles.Administrator);

        var response = await client.GetAsync($"/api/patients/{foreign.Id}");
        var missing = await client.GetAsync($"/api/patients/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain(foreign.FamilyName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_OtherOrganizationsPatient_Answers404AndChangesNothing()
    {
        var foreign = await app.OtherOrganizationPatientAsync();
        var client = await app.AsAsync(Roles.Manager);

        var response = await client.PutAsync($"/api/patients/{foreign.Id}", Json.Body(
            $$"""{"givenName":"Hijacked","familyName":"Record","birthDate":"1990-01-01","version":{{foreign.Version}}}"""));
        var after = await app.WithDbAsync(db => Task.FromResult(db.Patients.Single(p => p.Id == foreign.Id)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal((foreign.GivenName, foreign.FamilyName, foreign.Version), (after.GivenName, after.FamilyName, after.Version));
    }

    [Fact]
    public async Task Search_NeverReturnsAnotherOrganizationsPatients()
    {
        var foreign = await app.OtherOrganizationPatientAsync();
        var client = await app.AsAsync(Roles.Manager);

        var page = await (await client.GetAsync($"/api/patients?mrn={foreign.Mrn}&pageSize=100")).ReadAsync<PatientsApi.PatientPage>();
        var all = await (await client.GetAsync("/api/patients?pageSize=100")).ReadAsync<PatientsApi.PatientPage>();

        // Both organisations were seeded from the same seed, so MRNs repeat across tenants; ids never do.
        Assert.DoesNotContain(page!.Items, p => p.Id == foreign.Id);
        Assert.DoesNotContain(all!.Items, p => p.Id == foreign.Id);
    }

    [Fact]
    public async Task Get_TherapistNotOnCareTeam_Answers404()
    {
        var notMine = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);
        var client = await app.AsAsync(Roles.Therapist);

        var response = await client.GetAsync($"/api/patients/{notMine.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_TherapistOnCareTeam_ReadsThePatient()
    {
        var mine = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var client = await app.AsAsync(Roles.Therapist);

        var dto = await (await client.GetAsync($"/api/patients/{mine.Id}")).ReadAsync<PatientDto>();

        Assert.Equal(mine.Mrn, dto!.Mrn);
    }

    [Fact]
    public async Task Search_TherapistSeesExactlyTheirCareTeamsPatients()
    {
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var expected = await app.WithDbAsync(db => Task.FromResult(db.Patients
            .Where(p => p.CareTeam.Any(m => m.UserId == therapistId)).Select(p => p.Id).OrderBy(id => id).ToList()));
        var client = await app.AsAsync(Roles.Therapist);

        var page = await (await client.GetAsync("/api/patients?pageSize=100")).ReadAsync<PatientsApi.PatientPage>();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, page!.Items.Select(p => p.Id).OrderBy(id => id).ToList());
    }

    [Fact]
    public async Task Get_ClinicianOfAnotherPatient_Answers404()
    {
        var clinicianId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Clinician));
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Not","familyName":"Referred","birthDate":"1980-05-05"}"""))).ReadAsync<PatientDto>();
        var clinician = await app.AsAsync(Roles.Clinician);

        var response = await clinician.GetAsync($"/api/patients/{created!.Id}");

        Assert.NotEqual(Guid.Empty, clinicianId);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Researcher)]
    [InlineData(Roles.Patient)]
    public async Task Api_RolesWithoutRecordAccess_Answer403(string role)
    {
        var client = await app.AsAsync(role);

        var response = await client.GetAsync("/api/patients");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Api_Biller_CanReadButNotWrite()
    {
        var client = await app.AsAsync(Roles.Biller);

        var read = await client.GetAsync("/api/patients");
        var write = await client.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"A","familyName":"B","birthDate":"1990-01-01"}"""));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/patients")]
    [InlineData("GET", "/api/patients/0191e0e0-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/patients")]
    public async Task Api_Anonymous_Answers401(string method, string url)
    {
        var client = app.CreateBrowserlessClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json.Body("{}") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/Patients")]
    [InlineData("/Admin/Users")]
    [InlineData("/Audit")]
    [InlineData("/Portal")]
    public async Task Pages_Anonymous_AreSentToSignIn(string url)
    {
        var client = app.CreateBrowserlessClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_PatientSeesOnlyThemself()
    {
        var client = await app.AsAsync(Roles.Patient);
        var other = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);

        var portal = await client.GetStringAsync("/Portal");
        var someoneElse = await client.GetAsync($"/Patients/Details/{other.Id}");

        Assert.Contains("Welcome", portal, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    [Fact]
    public async Task ResearchHome_ShowsCountsWithoutIdentifiers()
    {
        var anyPatient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var client = await app.AsAsync(Roles.Researcher);

        var html = await client.GetStringAsync("/Research");

        Assert.Contains("Patients in the programme", html, StringComparison.Ordinal);
        Assert.DoesNotContain(anyPatient.FamilyName, html, StringComparison.Ordinal);
        Assert.DoesNotContain(anyPatient.Mrn, html, StringComparison.Ordinal);
    }
}

public sealed class PatientAccessSqliteTests(SqliteApp app) : PatientAccessTests(app), IClassFixture<SqliteApp>;

public sealed class PatientAccessPostgreSqlTests(PostgreSqlApp app) : PatientAccessTests(app), IClassFixture<PostgreSqlApp>;
