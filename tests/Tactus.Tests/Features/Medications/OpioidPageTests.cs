using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Medications;

/// <summary>The page where the clinical staff keep a patient's opioids and health-care use (issue 14 §2), as a therapist uses it.</summary>
public abstract class OpioidPageTests(TactusApp app)
{
    private string Day(int daysAgo) => app.ClinicDay(daysAgo);

    [Fact]
    public async Task TheTherapist_RecordsAPatchAndAnImaging_OnThePage_AndSeesTheDaysMme()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Tamsin", familyName: "Rockwell");
        var page = $"/Medications/Patient/{loop.PatientId}";

        var patch = await loop.Therapist.PostFormAsync(page, new()
        {
            ["Opioid.Opioid"] = "fentanyl-transdermal", ["Opioid.Strength"] = "25", ["Opioid.DosesPerDay"] = "1", ["Opioid.TakenFrom"] = Day(14),
        }, page + "?handler=Opioid");
        var imaging = await loop.Therapist.PostFormAsync(page, new() { ["Use.Kind"] = "Imaging", ["Use.OccurredOn"] = Day(3) }, page + "?handler=Use");
        var shown = await loop.Therapist.GetStringAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, imaging.StatusCode);
        Assert.Contains("Today: 60 MME per day", shown, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Imaging</th>", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormWithoutItsDose_SaysWhatIsMissing_AndRecordsNothing()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Ulric", familyName: "Vantongeren");
        var page = $"/Medications/Patient/{loop.PatientId}";

        var missing = await loop.Therapist.PostFormAsync(page, new() { ["Opioid.Opioid"] = "tramadol", ["Opioid.TakenFrom"] = Day(2) }, page + "?handler=Opioid");
        var unknown = await loop.Therapist.PostFormAsync(page, new()
        {
            ["Opioid.Opioid"] = "ibuprofen", ["Opioid.Strength"] = "400", ["Opioid.DosesPerDay"] = "3", ["Opioid.TakenFrom"] = Day(2),
        }, page + "?handler=Opioid");
        var missingText = await missing.Content.ReadAsStringAsync();
        var unknownText = await unknown.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Give the strength of one dose", missingText, StringComparison.Ordinal);
        Assert.Contains("not an opioid in the CDC 2022 table", WebUtility.HtmlDecode(unknownText), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.OpioidStatements.IgnoreQueryFilters().CountAsync(s => s.PatientId == loop.PatientId)));
    }

    [Fact]
    public async Task TheBiller_IsRefusedBeforeThePageRenders_AnotherOrganisationGetsNotFound()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Vesna", familyName: "Lindqvist");
        var biller = await app.AsAsync(Roles.Biller);
        var other = await app.AsAsync(Roles.Clinician, TactusApp.OtherEmailDomain);

        var refused = await biller.GetAsync($"/Medications/Patient/{loop.PatientId}");
        var notFound = await other.GetAsync($"/Medications/Patient/{loop.PatientId}");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }
}

public sealed class OpioidPageSqliteTests(SqliteApp app) : OpioidPageTests(app), IClassFixture<SqliteApp>;

public sealed class OpioidPagePostgreSqlTests(PostgreSqlApp app) : OpioidPageTests(app), IClassFixture<PostgreSqlApp>;
