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

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(flags[DemoClinic.Slug]);
        Assert.False(flags[TactusApp.OtherOrganizationSlug]);
        Assert.Contains(audit, e => e.Action == AuditActions.Update && e.EntityType == "Organization" && e.Detail!.Contains("RequireMfaForStaff", StringComparison.Ordinal));
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
