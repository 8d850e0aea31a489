using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Features.Practitioners;

/// <summary>
/// Continuing education kept with the practitioner (issue 13 §5): hours entered with evidence on the practitioners'
/// page (what a board would not accept is refused and stores nothing), weighed against the state's rule, and a
/// therapist short of it within 90 days of the cycle's end waits in the manager's inbox until the hours are in.
/// </summary>
public abstract class ContinuingEducationTests(TactusApp app)
{
    private static string Section(string inbox) =>
        System.Text.RegularExpressions.Regex.Match(inbox, "data-testid=\"inbox-continuing-education\".*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    private const string Page = "/Practitioners";

    [Fact]
    public async Task ATherapistShortOfHours_NearTheCycleEnd_WaitsOnTheManager_UntilTheHoursAreRecorded()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var name = "Ines Ce" + Guid.NewGuid().ToString("N")[..5];
        var (_, practitionerId, _) = await app.NewTherapistAsync(today.AddDays(60), name);
        var manager = await app.AsAsync(Roles.Manager);
        var record = $"{Page}?handler=Hours&practitionerId={practitionerId}";
        string Day(int daysAgo) => today.AddDays(-daysAgo).ToString("yyyy-MM-dd");

        var noEvidence = await manager.PostFormAsync(Page, new() { ["completedOn"] = Day(10), ["hours"] = "20", ["topic"] = "techniques", ["title"] = "Myofascial release", ["provider"] = "NW School", ["evidence"] = "" }, record);
        var future = await manager.PostFormAsync(Page, new() { ["completedOn"] = Day(-3), ["hours"] = "20", ["topic"] = "techniques", ["title"] = "Myofascial release", ["provider"] = "NW School", ["evidence"] = "C-1" }, record);
        var oddHours = await manager.PostFormAsync(Page, new() { ["completedOn"] = Day(10), ["hours"] = "0.1", ["topic"] = "techniques", ["title"] = "Myofascial release", ["provider"] = "NW School", ["evidence"] = "C-1" }, record);
        var refusedStored = await app.WithDbAsync(db => db.ContinuingEducation.CountAsync(c => c.PractitionerId == practitionerId));
        await manager.PostFormAsync(Page, new() { ["completedOn"] = Day(200), ["hours"] = "20", ["topic"] = "techniques", ["title"] = "Myofascial release", ["provider"] = "NW School", ["evidence"] = "Certificate 2231" }, record);
        var shortInbox = await manager.GetStringAsync("/Inbox");
        var pageWhileShort = await manager.GetStringAsync(Page);
        foreach (var (topic, hours) in new[] { ("ethics", "4"), ("cultural-competency", "1"), ("pain-management", "1") })
        {
            await manager.PostFormAsync(Page, new() { ["completedOn"] = Day(30), ["hours"] = hours, ["topic"] = topic, ["title"] = "Course", ["provider"] = "Provider", ["evidence"] = "Cert " + topic }, record);
        }

        var metInbox = await manager.GetStringAsync("/Inbox");
        var audit = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.EntityType == "ContinuingEducationRecord").CountAsync());

        Assert.Contains("Give the course, its provider and the evidence", await noEvidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not in the future", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("in quarter hours", await oddHours.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, refusedStored);
        Assert.Contains($"{name}</a>: cycle ends {today.AddDays(60):yyyy-MM-dd}; short 5 h hours in all; 4 h Professional ethics", shortInbox, StringComparison.Ordinal);
        Assert.Contains("20 of 25 hours", pageWhileShort, StringComparison.Ordinal);
        Assert.Contains(name, Section(shortInbox), StringComparison.Ordinal);
        Assert.DoesNotContain(name, Section(metInbox), StringComparison.Ordinal); // the licence itself still expires soon: that is another list
        Assert.Contains(name, metInbox, StringComparison.Ordinal);
        Assert.True(audit >= 4, $"{audit} audit entries for continuing education");
    }
}

public sealed class ContinuingEducationSqliteTests(SqliteApp app) : ContinuingEducationTests(app), IClassFixture<SqliteApp>;

public sealed class ContinuingEducationPostgreSqlTests(PostgreSqlApp app) : ContinuingEducationTests(app), IClassFixture<PostgreSqlApp>;
