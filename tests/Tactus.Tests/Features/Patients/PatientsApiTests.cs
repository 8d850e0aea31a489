using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Patients;

/// <summary>Patient create, read, update and search over /api/patients; written once, run on both stores.</summary>
public abstract class PatientsApiTests(TactusApp app)
{
    private const string ValidPatient =
        """{"confirmNotDuplicate":true,"givenName":"Rosa","familyName":"Alvarez","birthDate":"1971-04-09","sex":"Female","phone":"(503) 555-0142","email":"rosa@example.org","state":"OR","postalCode":"97201"}""";

    [Fact]
    public async Task Create_ValidPatient_IsStoredAndReadBack()
    {
        var client = await app.AsAsync(Roles.Manager);

        var created = await client.PostAsync("/api/patients", Json.Body(ValidPatient));
        var dto = await created.ReadAsync<PatientDto>();
        var read = await client.GetFromJsonAsync<PatientDto>(created.Headers.Location!, Json.Options);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(dto, read);
        Assert.Equal(("Rosa", "Alvarez", new DateOnly(1971, 4, 9), AdministrativeSex.Female, 1),
            (read!.GivenName, read.FamilyName, read.BirthDate, read.Sex, read.Version));
        Assert.Matches("^MRN[0-9]{7}$", read.Mrn);
    }

    [Fact]
    public async Task Create_ByTherapist_PutsTheTherapistOnTheCareTeamSoTheyCanSeeIt()
    {
        var client = await app.AsAsync(Roles.Therapist);

        var created = await client.PostAsync("/api/patients", Json.Body(ValidPatient));
        var read = await client.GetAsync(created.Headers.Location!);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Create_InvalidFields_AnswersProblemDetailsPerFieldAndStoresNothing()
    {
        var client = await app.AsAsync(Roles.Manager);
        var before = await app.PatientCountAsync();

        var response = await client.PostAsync("/api/patients",
            Json.Body("""{"givenName":"","familyName":"Alvarez","birthDate":"2999-01-01","email":"not-an-email","postalCode":"12"}"""));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name.ToLowerInvariant()).Order().ToArray();
        Assert.Equal(["birthdate", "email", "givenname", "postalcode"], fields);
        Assert.Equal(before, await app.PatientCountAsync());
    }

    [Theory]
    [InlineData("""{"givenName":"A","familyName":"B","birthDate":"1990-01-01","organizationId":"00000000-0000-0000-0000-000000000001"}""")]
    [InlineData("""{"givenName":"A","familyName":"B","birthDate":"1990-01-01","id":"00000000-0000-0000-0000-000000000001"}""")]
    [InlineData("""{"givenName":"A","familyName":"B","birthDate":"1990-13-45"}""")]
    [InlineData("""{"givenName":"A","familyName":"B","birthDate":"1990-01-01","sex":"Robot"}""")]
    [InlineData("""{"givenName":"A","familyName":""")]
    [InlineData("""[1,2,3]""")]
    public async Task Create_UnreadableOrSmuggledFields_Answers400ProblemAndStoresNothing(string body)
    {
        var client = await app.AsAsync(Roles.Manager);
        var before = await app.PatientCountAsync();

        var response = await client.PostAsync("/api/patients", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.PatientCountAsync());
    }

    [Fact]
    public async Task Create_WrongContentType_Answers415()
    {
        var client = await app.AsAsync(Roles.Manager);

        var response = await client.PostAsync("/api/patients", new StringContent("givenName=A", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Update_CurrentVersion_SavesAndIncrementsTheVersion()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(ValidPatient))).ReadAsync<PatientDto>();

        var response = await client.PutAsync($"/api/patients/{created!.Id}", Json.Body(
            """{"givenName":"Rosa","familyName":"Alvarez-Ruiz","birthDate":"1971-04-09","sex":"Female","version":1}"""));
        var updated = await response.ReadAsync<PatientDto>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Alvarez-Ruiz", 2, (string?)null), (updated!.FamilyName, updated.Version, updated.Phone));
    }

    [Fact]
    public async Task Update_StaleVersion_Answers409AndChangesNothing()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(ValidPatient))).ReadAsync<PatientDto>();
        await client.PutAsync($"/api/patients/{created!.Id}", Json.Body(
            """{"givenName":"Rosa","familyName":"First-Edit","birthDate":"1971-04-09","version":1}"""));

        var stale = await client.PutAsync($"/api/patients/{created.Id}", Json.Body(
            """{"givenName":"Rosa","familyName":"Second-Edit","birthDate":"1971-04-09","version":1}"""));
        var problem = await stale.ReadJsonAsync();
        var current = await client.GetFromJsonAsync<PatientDto>($"/api/patients/{created.Id}", Json.Options);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("stale-version", problem.GetProperty("code").GetString());
        Assert.Equal(("First-Edit", 2), (current!.FamilyName, current.Version));
    }

    [Fact]
    public async Task Update_InvalidInput_Answers400AndKeepsTheRecord()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(ValidPatient))).ReadAsync<PatientDto>();

        var response = await client.PutAsync($"/api/patients/{created!.Id}", Json.Body(
            """{"givenName":"","familyName":"Alvarez","birthDate":"1971-04-09","version":1}"""));
        var current = await client.GetFromJsonAsync<PatientDto>($"/api/patients/{created.Id}", Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(created, current);
    }

    [Fact]
    public async Task Search_ByNamePrefixBirthDateAndMrn_FindsThePatient()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Quillon","familyName":"Zebedee","birthDate":"1966-10-30"}"""))).ReadAsync<PatientDto>();

        var byName = await client.GetFromJsonAsync<PatientsApi.PatientPage>("/api/patients?name=zeb%20quil", Json.Options);
        var byBirth = await client.GetFromJsonAsync<PatientsApi.PatientPage>("/api/patients?birthDate=1966-10-30", Json.Options);
        var byMrn = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?mrn={created!.Mrn.ToLowerInvariant()}", Json.Options);

        Assert.Equal(created.Id, Assert.Single(byName!.Items).Id);
        Assert.Contains(byBirth!.Items, p => p.Id == created.Id);
        Assert.Equal(created.Id, Assert.Single(byMrn!.Items).Id);
    }

    [Fact]
    public async Task Search_IgnoresCaseAndAccents_AndFindsAnMrnByItsStart()
    {
        var client = await app.AsAsync(Roles.Manager);
        var created = await (await client.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Zoë","familyName":"Núñez-O'Brien","birthDate":"1977-02-14"}"""))).ReadAsync<PatientDto>();

        var plain = await client.GetFromJsonAsync<PatientsApi.PatientPage>("/api/patients?name=ZOE%20nunezo", Json.Options);
        var accented = await client.GetFromJsonAsync<PatientsApi.PatientPage>("/api/patients?name=n%C3%BA%C3%B1", Json.Options);
        var mrnStart = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?mrn={created!.Mrn[..^2]}&birthDate=1977-02-14", Json.Options);

        Assert.Equal(created.Id, Assert.Single(plain!.Items).Id);
        Assert.Contains(accented!.Items, p => p.Id == created.Id);
        Assert.Contains(mrnStart!.Items, p => p.Id == created.Id);
    }

    [Fact]
    public async Task Search_Paged_ReturnsDisjointPages_AndTheTotalOnlyWhenAsked()
    {
        var client = await app.AsAsync(Roles.Manager);

        var first = await client.GetFromJsonAsync<PatientsApi.PatientPage>("/api/patients?pageSize=5&page=1", Json.Options);
        var second = await client.GetFromJsonAsync<PatientsApi.PatientPage>("/api/patients?pageSize=5&page=2", Json.Options);
        var counted = await client.GetFromJsonAsync<PatientsApi.PatientPage>("/api/patients?pageSize=5&page=1&total=true", Json.Options);

        Assert.Equal(5, first!.Items.Count);
        Assert.Null(first.Total);
        Assert.NotNull(first.Next);
        Assert.True(counted!.Total >= 12);
        Assert.Empty(first.Items.Select(p => p.Id).Intersect(second!.Items.Select(p => p.Id)));
    }

    [Fact]
    public async Task Search_FollowingNext_VisitsEveryMatchOnceInNameOrder()
    {
        var client = await app.AsAsync(Roles.Manager);
        var family = "Keyset" + Guid.NewGuid().ToString("N")[..6];
        // Two pairs with the same given name: the MRN breaks the tie, so a page boundary between them loses no one.
        string[] given = ["Ada", "Ada", "Bea", "Cy", "Cy", "Dee", "Eli"];
        var created = new List<PatientDto>();
        foreach (var (name, i) in given.Select((n, i) => (n, i)))
        {
            created.Add((await (await client.PostAsync("/api/patients", Json.Body(
                $$"""{"confirmNotDuplicate":true,"givenName":"{{name}}","familyName":"{{family}}","birthDate":"1980-01-{{i + 10}}"}"""))).ReadAsync<PatientDto>())!);
        }

        var seen = new List<PatientDto>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<PatientsApi.PatientPage>(
                $"/api/patients?name={family}&pageSize=2" + (next is null ? "" : $"&after={next}"), Json.Options);
            seen.AddRange(page!.Items);
            next = page.Next;
            pages++;
        }
        while (next is not null && pages < 10);
        var badCursor = await client.GetAsync($"/api/patients?name={family}&after=not-a-cursor!");

        Assert.Equal(4, pages);
        Assert.Equal(created.OrderBy(p => p.GivenName, StringComparer.Ordinal).ThenBy(p => p.Mrn, StringComparer.Ordinal).Select(p => p.Id), seen.Select(p => p.Id));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task Search_FindsAPatientByAnyWordOfTheirNames_AndListsThemOnce()
    {
        var client = await app.AsAsync(Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var secondGiven = await CreateAsync(client, "Mary Ann", "Tern" + tag);
        var doubleBarrelled = await CreateAsync(client, "Luis", $"Lopez Garcia{tag}");
        // Both names start with the term: one row in the list, not two.
        var twice = await CreateAsync(client, "Vell" + tag, $"Vell{tag}son");

        var byMiddleWord = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?name=ann%20tern{tag}", Json.Options);
        var bySecondFamilyWord = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?name=garcia{tag}", Json.Options);
        var byBoth = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?name=vell{tag}&total=true", Json.Options);

        Assert.Equal(secondGiven.Id, Assert.Single(byMiddleWord!.Items).Id);
        Assert.Equal(doubleBarrelled.Id, Assert.Single(bySecondFamilyWord!.Items).Id);
        Assert.Equal(twice.Id, Assert.Single(byBoth!.Items).Id);
        Assert.Equal(1, byBoth.Total);
    }

    [Fact]
    public async Task Search_AfterARename_FindsTheNewNameAndNotTheOld()
    {
        var client = await app.AsAsync(Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var patient = await CreateAsync(client, "Iris", "Oldname" + tag);

        var updated = await client.PutAsync($"/api/patients/{patient.Id}", Json.Body(
            $$"""{"version":{{patient.Version}},"givenName":"Iris","familyName":"Newname{{tag}}","birthDate":"1979-05-05","sex":"Female"}"""));
        var byOld = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?name=oldname{tag}", Json.Options);
        var byNew = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?name=newname{tag}%20iri", Json.Options);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Empty(byOld!.Items);
        Assert.Equal(patient.Id, Assert.Single(byNew!.Items).Id);
    }

    [Fact]
    public async Task PatientsStoredBeforeNameWords_GetThemAtStart_AndAreFoundAgain()
    {
        var client = await app.AsAsync(Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var patient = await CreateAsync(client, "Olwen", "Before" + tag);
        // As a store upgraded from before the words existed: the patient row without its words.
        await app.WithDbAsync(db => db.PatientNameWords.Where(w => w.PatientId == patient.Id).ExecuteDeleteAsync());
        var beforeBackfill = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?name=before{tag}", Json.Options);

        await app.WithDbAsync(async db =>
        {
            await SearchKeyBackfill.RunAsync(db);
            return true;
        });
        var afterBackfill = await client.GetFromJsonAsync<PatientsApi.PatientPage>($"/api/patients?name=before{tag}%20olw", Json.Options);

        Assert.Empty(beforeBackfill!.Items);
        Assert.Equal(patient.Id, Assert.Single(afterBackfill!.Items).Id);
    }

    private static async Task<PatientDto> CreateAsync(HttpClient client, string given, string family) =>
        (await (await client.PostAsync("/api/patients", Json.Body(
            $$"""{"confirmNotDuplicate":true,"givenName":"{{given}}","familyName":"{{family}}","birthDate":"1979-05-05"}"""))).ReadAsync<PatientDto>())!;

    [Theory]
    [InlineData("/api/patients?pageSize=1000")]
    [InlineData("/api/patients?page=0")]
    [InlineData("/api/patients?birthDate=30/10/1966")]
    [InlineData("/api/patients?page=abc")]
    public async Task Search_BadParameters_Answer400Problem(string url)
    {
        var client = await app.AsAsync(Roles.Manager);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class PatientsApiSqliteTests(SqliteApp app) : PatientsApiTests(app), IClassFixture<SqliteApp>;

public sealed class PatientsApiPostgreSqlTests(PostgreSqlApp app) : PatientsApiTests(app), IClassFixture<PostgreSqlApp>;
