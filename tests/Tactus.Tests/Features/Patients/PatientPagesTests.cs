using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Patients;

/// <summary>The record and edit pages as a person uses them: form posts with antiforgery, redisplay on error.</summary>
public abstract class PatientPagesTests(TactusApp app)
{
    private static Dictionary<string, string> Form(string family, int version) => new()
    {
        ["Input.GivenName"] = "Odette", ["Input.FamilyName"] = family, ["Input.BirthDate"] = "1969-08-21",
        ["Input.Sex"] = "Female", ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task PatientList_NextPage_ShowsTheNextPatients()
    {
        var client = await app.AsAsync(Roles.Manager);
        for (var i = 0; i < 30; i++)
        {
            var body = $$"""{"confirmNotDuplicate":true,"givenName":"Page{{i:00}}","familyName":"Quillfeather","birthDate":"1980-01-01","sex":"Female"}""";
            Assert.Equal(System.Net.HttpStatusCode.Created, (await client.PostAsync("/api/patients", Json.Body(body))).StatusCode);
        }

        var first = await client.GetStringAsync("/Patients?name=quillfeather");
        var next = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(first, "<a href=\"([^\"]+)\" rel=\"next\">").Groups[1].Value);
        var second = await client.GetStringAsync("/Patients" + next);

        Assert.Contains("Page00", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Page29", first, StringComparison.Ordinal);
        Assert.Contains("Page29", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Page00", second, StringComparison.Ordinal);
        Assert.Contains("pageNumber=2", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_SavesAndShowsTheChange_AndAStaleEditIsExplainedNotApplied()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Odette","familyName":"Marchetti","birthDate":"1969-08-21","sex":"Female"}"""))).ReadAsync<PatientDto>();
        var editPath = $"/Patients/Edit/{created!.Id}";

        var form = await client.GetStringAsync(editPath);
        var saved = await client.PostFormAsync(editPath, Form("Marchetti-Lund", 1));
        var details = await client.GetStringAsync(saved.Headers.Location!.OriginalString);
        var stale = await client.PostFormAsync(editPath, Form("Overwritten", 1));
        var staleHtml = await stale.Content.ReadAsStringAsync();
        var current = await (await client.GetAsync($"/api/patients/{created.Id}")).ReadAsync<PatientDto>();

        Assert.Contains("value=\"Marchetti\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Odette Marchetti-Lund", details, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed by someone else", staleHtml, StringComparison.Ordinal);
        Assert.Equal(("Marchetti-Lund", 2), (current!.FamilyName, current.Version));
    }

    [Fact]
    public async Task Edit_InvalidForm_RedisplaysWithTheErrorsAndKeepsTheRecord()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Odette","familyName":"Valid","birthDate":"1969-08-21"}"""))).ReadAsync<PatientDto>();
        var fields = Form("", 1);
        fields["Input.BirthDate"] = "2999-01-01";

        var response = await client.PostFormAsync($"/Patients/Edit/{created!.Id}", fields);
        var html = await response.Content.ReadAsStringAsync();
        var current = await (await client.GetAsync($"/api/patients/{created.Id}")).ReadAsync<PatientDto>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Enter the family (last) name.", html, StringComparison.Ordinal);
        Assert.Contains("cannot be in the future", html, StringComparison.Ordinal);
        Assert.Equal(created, current);
    }

    [Fact]
    public async Task EditAndDetails_OfAnotherOrganisationsPatient_Answer404()
    {
        var foreign = await app.OtherOrganizationPatientAsync();
        var client = await app.AsAsync(Roles.Manager);

        var details = await client.GetAsync($"/Patients/Details/{foreign.Id}");
        var edit = await client.GetAsync($"/Patients/Edit/{foreign.Id}");
        var post = await client.PostFormAsync("/Patients", Form("Hijack", foreign.Version), $"/Patients/Edit/{foreign.Id}");

        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain(foreign.FamilyName, await details.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Biller_CannotOpenTheEditForm()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var client = await app.AsAsync(Roles.Biller);

        var edit = await client.GetAsync($"/Patients/Edit/{patient.Id}");

        Assert.StartsWith("/Account/AccessDenied", edit.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class PatientPagesSqliteTests(SqliteApp app) : PatientPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PatientPagesPostgreSqlTests(PostgreSqlApp app) : PatientPagesTests(app), IClassFixture<PostgreSqlApp>;
