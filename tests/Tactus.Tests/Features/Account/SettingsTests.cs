using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Features.Account;

public sealed class SettingsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Administrator_MakesMfaMandatory_OnlyForTheirOrganisation_AndItIsAudited()
    {
        var admin = await app.AsAsync(Roles.Administrator);
        var before = await app.LastAuditSequenceAsync();

        var saved = await admin.PostFormAsync("/Admin/Settings", new() { ["RequireMfaForStaff"] = "true" });
        var flags = await app.WithDbAsync(db => db.Organizations.ToDictionaryAsync(o => o.Slug, o => o.RequireMfaForStaff));
        var audit = await app.AuditAfterAsync(before);
        // The class shares one app: left on, every later sign-in in it is sent to MFA enrolment instead.
        await app.WithDbAsync(db => db.Organizations.Where(o => o.Slug == DemoClinic.Slug)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.RequireMfaForStaff, false)));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(flags[DemoClinic.Slug]);
        Assert.False(flags[TactusApp.OtherOrganizationSlug]);
        Assert.Contains(audit, e => e.Action == AuditActions.Update && e.EntityType == "Organization" && e.Detail!.Contains("RequireMfaForStaff", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrator_SetsTheTimeZone_AndPagesShowTimesInIt()
    {
        var admin = await app.AsAsync(Roles.Administrator);

        var refused = await admin.PostFormAsync("/Admin/Settings", new() { ["TimeZone"] = "Mars/Olympus_Mons" });
        var saved = await admin.PostFormAsync("/Admin/Settings", new() { ["TimeZone"] = "America/Chicago" });
        var audit = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/Audit"));
        await admin.PostFormAsync("/Admin/Settings", new() { ["TimeZone"] = "America/Los_Angeles" });
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var expected = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose a time zone from the list", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains(zone.IsDaylightSavingTime(app.Clock.GetUtcNow()) ? zone.DaylightName : zone.StandardName, audit, StringComparison.Ordinal);
        Assert.Contains(expected, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC", audit, StringComparison.Ordinal);
    }

    [Fact]
    public void NewOrganisation_RequiresStaffMfaByDefault()
    {
        var organization = new Tactus.Web.Features.Organizations.Organization { Name = "New clinic", Slug = "new-clinic" };

        Assert.True(organization.RequireMfaForStaff);
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Therapist)]
    public async Task SettingsAndUsers_AreForAdministratorsOnly(string role)
    {
        var client = await app.AsAsync(role, TactusApp.OtherEmailDomain);

        var settings = await client.GetAsync("/Admin/Settings");
        var users = await client.GetAsync("/Admin/Users");

        Assert.StartsWith("/Account/AccessDenied", settings.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", users.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersPage_ListsOnlyTheAdministratorsOrganisation()
    {
        var admin = await app.AsAsync(Roles.Administrator, TactusApp.OtherEmailDomain);

        var html = await admin.GetStringAsync("/Admin/Users");

        Assert.Contains("therapist@harbor.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("riverside.example", html, StringComparison.Ordinal);
    }
}
