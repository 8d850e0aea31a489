using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Access;

/// <summary>
/// Each person sees what their work needs (issue 10 §4; HIPAA minimum necessary): every cell of the role × data table
/// in docs/access.md, probed over HTTP on a demo patient that the therapist and clinician treat. The expected table is
/// written out here, independently of the policies, so a policy that widens or narrows access fails a cell.
/// </summary>
public sealed class AccessMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const bool Y = true;
    private const bool N = false;

    /// <summary>data → allowed for therapist, clinician, manager, biller, researcher, patient, administrator.</summary>
    private static readonly Dictionary<string, bool[]> Expected = new()
    {
        ["patient identity and diagnoses"] = [Y, Y, Y, Y, N, N, Y],
        ["referral"] = [Y, Y, Y, N, N, N, Y],
        ["health history and screening findings"] = [Y, Y, Y, N, N, N, Y],
        ["visit note and body chart"] = [Y, Y, Y, N, N, N, Y],
        ["questionnaires and safety alerts"] = [Y, Y, Y, N, N, N, Y],
        ["outcome reports"] = [Y, Y, Y, N, N, N, Y],
        ["clinical record page"] = [Y, Y, Y, N, N, N, Y],
        ["visit codes with minutes"] = [N, N, Y, Y, N, N, Y],
        ["coverage and authorisations"] = [N, N, Y, Y, N, N, Y],
        ["claims"] = [N, N, Y, Y, N, N, Y],
        ["patient statement"] = [N, N, Y, Y, N, N, Y],
        ["calendar"] = [Y, N, Y, N, N, N, N],
        ["inbox"] = [Y, Y, Y, Y, N, N, N],
        ["accounts"] = [N, N, N, N, N, N, Y],
        ["practitioners and continuing education"] = [N, N, Y, N, N, N, Y],
        ["audit log"] = [N, N, N, N, N, N, Y],
        ["cohort counts"] = [N, N, N, N, Y, N, N],
        ["programme outcomes"] = [N, N, Y, N, Y, N, N],
        ["de-identified export"] = [N, N, N, N, Y, N, N],
        ["research protocols"] = [N, N, N, N, N, N, Y],
        ["opioids and health-care use"] = [Y, Y, Y, N, N, N, Y],
        ["programme value"] = [N, N, Y, N, Y, N, N],
        ["programme costs and price list"] = [N, N, Y, N, N, N, N],
    };

    private static readonly string[] RoleOrder = [Roles.Therapist, Roles.Clinician, Roles.Manager, Roles.Biller, Roles.Researcher, Roles.Patient, Roles.Administrator];

    public static TheoryData<string, string> Cells => [.. Expected.Keys.SelectMany(data => RoleOrder.Select(role => (data, role)))];

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell_AllowsOrRefusesAsTheTableSays(string data, string role)
    {
        var ids = await IdsAsync();
        var url = data switch
        {
            "patient identity and diagnoses" => $"/api/patients/{ids.Patient}",
            "referral" => $"/api/referrals/{ids.Referral}",
            "health history and screening findings" => $"/api/patients/{ids.Patient}/findings",
            "visit note and body chart" => $"/api/sessions/{ids.Session}",
            "questionnaires and safety alerts" => "/api/alerts",
            "outcome reports" => $"/fhir/DiagnosticReport/{Guid.NewGuid()}",
            "clinical record page" => $"/Patients/Details/{ids.Patient}",
            "visit codes with minutes" => $"/api/billing/visits/{ids.Coding}",
            "coverage and authorisations" => $"/api/patients/{ids.Patient}/coverages",
            "claims" => "/api/claims",
            "patient statement" => $"/api/patients/{ids.Patient}/statement",
            "audit log" => "/Audit",
            "calendar" => "/Scheduling",
            "inbox" => "/Inbox",
            "accounts" => "/Admin/Users",
            "practitioners and continuing education" => "/Practitioners",
            "programme outcomes" => "/Outcomes",
            "de-identified export" => "/Research/Export",
            "research protocols" => "/Admin/ResearchProtocols",
            "opioids and health-care use" => $"/api/patients/{ids.Patient}/opioids",
            "programme value" => "/Outcomes/Value",
            "programme costs and price list" => "/Outcomes/Costs",
            _ => "/Research",
        };
        var client = await app.AsAsync(role);

        var response = await client.GetAsync(url);

        var allowed = Expected[data][Array.IndexOf(RoleOrder, role)];
        var status = response.StatusCode;
        if (allowed)
        {
            // An unknown report answers 404 to someone allowed to read reports; everything else here exists.
            Assert.True(status == HttpStatusCode.OK || (data == "outcome reports" && status == HttpStatusCode.NotFound), $"{role} should read {data} ({url}) but got {(int)status}");
        }
        else
        {
            // The API answers 403; a page sends the person to the access-denied page before anything renders.
            var refused = status == HttpStatusCode.Forbidden
                || (status == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal));
            Assert.True(refused, $"{role} should be refused {data} ({url}) but got {(int)status}");
        }
    }

    /// <summary>Therapist-only pages (check-in, a new plan) refuse everyone else before rendering, not only on submit.</summary>
    [Theory]
    [InlineData("/Sessions/CheckIn/{0}")]
    [InlineData("/Plans/New/{0}")]
    public async Task TreatingPages_AreRefusedBeforeTheyRender_ToAnyoneButTheAssignedTherapist(string page)
    {
        var ids = await IdsAsync();
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, page, ids.Referral);
        var assigned = await (await app.AsAsync(Roles.Therapist)).GetAsync(url);
        var others = new List<(string Who, HttpResponseMessage Response)>
        {
            ("clinician", await (await app.AsAsync(Roles.Clinician)).GetAsync(url)),
            ("manager", await (await app.AsAsync(Roles.Manager)).GetAsync(url)),
            ("another therapist", await (await SecondTherapistAsync()).GetAsync(url)),
        };

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.All(others, o => Assert.True(o.Response.StatusCode == HttpStatusCode.Redirect
            && o.Response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal), $"{o.Who} got {(int)o.Response.StatusCode}"));
    }

    private async Task<HttpClient> SecondTherapistAsync()
    {
        var client = app.CreateBrowserlessClient();
        await client.PostLoginAsync("therapist2@riverside.example", Tactus.Web.Data.Seed.DemoClinic.Password);
        return client;
    }

    private sealed record DemoIds(Guid Patient, Guid Referral, Guid Session, Guid Coding);

    /// <summary>The Lakeside demo patient: treated by the demo therapist, referred by the demo clinician, with coverage and coded visits.</summary>
    private Task<DemoIds> IdsAsync() => app.WithDbAsync(async db =>
    {
        var riverside = await db.Organizations.Where(o => o.Slug == "riverside").Select(o => o.Id).SingleAsync();
        var lakeside = await db.Payers.Where(p => p.OrganizationId == riverside && p.PayerIdentifier == "LHP01").Select(p => p.Id).SingleAsync();
        var coding = await db.VisitCodings.AsNoTracking().Where(v => v.PayerId == lakeside).OrderBy(v => v.CreatedAt).FirstAsync();
        return new DemoIds(coding.PatientId, coding.ReferralId, coding.SessionId, coding.Id);
    });
}
