using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Features.Audit;

/// <summary>The administrator's audit log page: own organisation only, pages, hostile parameters, the CSV export.</summary>
public abstract partial class AuditLogPageTests(TactusApp app)
{
    [Fact]
    public async Task AuditLogPage_NextPage_ShowsTheNextEntries()
    {
        var admin = await app.AsAsync(Roles.Administrator);
        for (var i = 0; i < AuditQuery.PageSize + 5; i++)
        {
            await admin.GetAsync("/api/patients?name=paging");
        }

        var first = await admin.GetStringAsync("/Audit");
        var next = System.Net.WebUtility.HtmlDecode(NextLink().Match(first).Groups[1].Value);
        var second = await admin.GetStringAsync(next);

        Assert.NotEmpty(RowSequences(second));
        Assert.True(RowSequences(second).Max() < RowSequences(first).Min(), "page 2 holds the entries older than page 1");
    }

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();

    [Fact]
    public async Task AuditLogPage_ShowsOnlyTheAdministratorsOrganisation()
    {
        var harbor = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);
        await harbor.GetAsync("/api/patients");
        var admin = await app.AsAsync(Roles.Administrator);

        var html = await admin.GetStringAsync("/Audit?actor=harbor.example");
        var own = await admin.GetStringAsync("/Audit?actor=riverside.example");

        Assert.Contains("<p class=\"muted\">0 entries match.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<p class=\"muted\">0 entries match.</p>", own, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Audit?sort=actor%3BDROP%20TABLE%20%22AuditEntries%22")]
    [InlineData("/Audit?sort=Hash&descending=maybe")]
    [InlineData("/Audit?from=not-a-date")]
    [InlineData("/Audit?sort=time%20ASC%2C%20(SELECT%201)&pageNumber=-3")]
    public async Task AuditLogPage_HostileParameters_AreIgnoredNotExecuted(string url)
    {
        var admin = await app.AsAsync(Roles.Administrator);
        var entriesBefore = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var lastBefore = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));

        var ordinary = await admin.GetStringAsync("/Audit");
        var response = await admin.GetAsync(url);
        var hostile = await response.Content.ReadAsStringAsync();

        // The table is intact, and the page is exactly the ordinary newest-first first page: the hostile value was
        // neither run nor allowed to change the sort, the direction, the range or the page.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(entriesBefore, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Sequence <= lastBefore)));
        Assert.NotEmpty(RowSequences(ordinary));
        Assert.Equal(RowSequences(ordinary), RowSequences(hostile));
        Assert.Equal(TotalLine().Match(ordinary).Value, TotalLine().Match(hostile).Value);
    }

    private static List<long> RowSequences(string html) =>
        RowSequence().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"<tr>\s*<td>(\d+)</td>")]
    private static partial Regex RowSequence();

    [GeneratedRegex(@"\d+ entries match\.")]
    private static partial Regex TotalLine();

    [Fact]
    public async Task AuditLogPage_CsvExport_QuotesFieldsAndDefusesFormulas()
    {
        var admin = await app.AsAsync(Roles.Administrator);
        var riverside = await app.WithDbAsync(db => db.Organizations.Where(o => o.Slug == "riverside").Select(o => o.Id).SingleAsync());
        // A value a user can put in the log (an e-mail typed at sign-in, a record id from a client) that a
        // spreadsheet would run: each of the characters OWASP lists as starting a formula, and a quote inside.
        string[] hostile = ["=HYPERLINK(\"http://evil.example\",\"open\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1"];
        var writer = app.Services.GetRequiredService<AuditWriter>();
        await writer.WriteAsync([.. hostile.Select(value => new AuditRecord(app.Clock.GetUtcNow(), riverside, null, value, null,
            "csv-probe", "Probe", value, null, null, AuditOutcomes.Failure, value))]);

        var response = await admin.GetAsync("/Audit?csv=true&action=csv-probe");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var fields = lines.Skip(1).Select(SplitCsv).ToList();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("sequence,occurred_at_utc,actor", lines[0], StringComparison.Ordinal);
        Assert.Equal(hostile.Length, fields.Count);
        Assert.All(fields.SelectMany(f => f), field => Assert.DoesNotMatch("^[=+\\-@\t\r]", field));
        Assert.Equal(hostile.Select(h => "'" + h).OrderBy(h => h, StringComparer.Ordinal), fields.Select(f => f[2]).OrderBy(h => h, StringComparer.Ordinal));
    }

    /// <summary>Reads one line of the export as a spreadsheet would: every field quoted, quotes doubled.</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    [Fact]
    public async Task AuditLogPage_IsForAdministratorsOnly()
    {
        var manager = await app.AsAsync(Roles.Manager);

        var response = await manager.GetAsync("/Audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class AuditLogPageSqliteTests(SqliteApp app) : AuditLogPageTests(app), IClassFixture<SqliteApp>;

public sealed class AuditLogPagePostgreSqlTests(PostgreSqlApp app) : AuditLogPageTests(app), IClassFixture<PostgreSqlApp>;
