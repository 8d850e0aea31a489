using System.Net;
using System.Text;
using System.Text.Json;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims.X12;

namespace Tactus.Tests.Features.Billing;

/// <summary>
/// Issue 05 end to end over HTTP on the demo clinic's signed visits: codes drafted at signing (AMA units for
/// Lakeside, NCCI 97140/97124 with XS on separate regions and bundling on the same region), review, a claim held
/// or ready, the 837P exported and parsed back, an 835 posted to the cent, duplicate and broken files refused.
/// </summary>
public abstract partial class ReimbursementApiTests(TactusApp app)
{
    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    private static async Task<List<JsonElement>> ToReviewAsync(HttpClient biller, string payer) =>
        [.. (await (await biller.GetAsync("/api/billing/overview")).ReadJsonAsync()).GetProperty("toReview").GetProperty("rows").EnumerateArray()
            .Where(v => v.GetProperty("payerName").GetString() == payer).OrderBy(v => v.GetProperty("serviceDate").GetString())];

    private static async Task<JsonElement> VisitAsync(HttpClient biller, Guid id) =>
        await (await biller.GetAsync($"/api/billing/visits/{id}")).ReadJsonAsync();

    /// <summary>The demo visits under a payer, whatever another test has done to them since.</summary>
    private Task<List<Guid>> SeededVisitsAsync(string payer) => app.WithDbAsync(async db =>
    {
        var payerId = db.Payers.Where(p => p.Name == payer && p.OrganizationId == db.Organizations.Single(o => o.Slug == "riverside").Id).Select(p => p.Id).Single();
        return db.VisitCodings.Where(v => v.PayerId == payerId).AsEnumerable().OrderBy(v => v.ServiceDate).Select(v => v.Id).ToList();
    });

    private static JsonElement Line(JsonElement visit, string code) =>
        visit.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == code);

    [Fact]
    public async Task UnitsEndpoint_AnswersWithReasoning_StoresNothing_AndExplainsBadInput()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var before = await app.LastAuditSequenceAsync();

        var cms = await (await biller.PostAsync("/api/billing/units", Json.Body("""{"rule":"cms","services":[{"code":"97110","minutes":33},{"code":"97140","minutes":7}]}"""))).ReadJsonAsync();
        var ama = await (await biller.PostAsync("/api/billing/units", Json.Body("""{"rule":"ama","services":[{"code":"97110","minutes":33},{"code":"97140","minutes":7}]}"""))).ReadJsonAsync();
        var bad = await biller.PostAsync("/api/billing/units", Json.Body("""{"rule":"half","services":[{"code":"9X","minutes":-3},{"code":"ZZZZZ","minutes":10}]}"""));

        Assert.Equal([2, 1], cms.GetProperty("services").EnumerateArray().Select(x => x.GetProperty("units").GetInt32()));
        Assert.Equal([2, 0], ama.GetProperty("services").EnumerateArray().Select(x => x.GetProperty("units").GetInt32()));
        Assert.Contains(cms.GetProperty("reasoning").EnumerateArray(), r => r.GetString()!.Contains("40 timed min", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"rule\"", problem, StringComparison.Ordinal);
        Assert.Contains("ZZZZZ is not in", problem, StringComparison.Ordinal);
        Assert.Equal(before, await app.LastAuditSequenceAsync());
    }

    [Fact]
    public async Task SignedVisits_AreCodedByThePayersRule_WithNcciAndCharges()
    {
        var biller = await app.AsAsync(Roles.Biller);

        var lakeside = await SeededVisitsAsync("Lakeside Health Plan");
        var first = await VisitAsync(biller, lakeside[0]);
        var second = await VisitAsync(biller, lakeside[1]);

        // Visit 1: 30 min Swedish (lower back) and 15 min myofascial release (upper neck), AMA rule, separate regions.
        Assert.Equal((2, 90m), (Line(first, "97124").GetProperty("units").GetInt32(), Line(first, "97124").GetProperty("charge").GetDecimal()));
        Assert.Equal(["XS"], Line(first, "97124").GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal((1, 50m), (Line(first, "97140").GetProperty("units").GetInt32(), Line(first, "97140").GetProperty("charge").GetDecimal()));

        // Visit 2: both on the lower back, so NCCI does not let 97124 be billed beside 97140.
        Assert.Equal(0, Line(second, "97124").GetProperty("units").GetInt32());
        Assert.Contains("NCCI", Line(second, "97124").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Line(second, "97140").GetProperty("units").GetInt32());

        // Medicare follows CMS and wants GP: 45 timed minutes = 3 units (97124 2, 97140 1).
        var medicare = await VisitAsync(biller, (await SeededVisitsAsync("Medicare Part B (demo jurisdiction)"))[0]);
        Assert.Equal(["GP", "XS"], Line(medicare, "97124").GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Cms", medicare.GetProperty("unitRule").GetString());
    }

    [Fact]
    public async Task Adjustment_NeedsAReason_IsKept_AndOnlyBillersSeeBilling()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var id = (await SeededVisitsAsync("Medicare Part B (demo jurisdiction)"))[^1];
        var before = (await VisitAsync(biller, id)).GetProperty("lines").ToString();

        var refused = await biller.PostAsync($"/api/billing/visits/{id}/adjust", Json.Body("""{"code":"97140","units":2,"modifiers":["GP"],"pointers":[1]}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await VisitAsync(biller, id)).GetProperty("lines").ToString());

        var badPointer = await biller.PostAsync($"/api/billing/visits/{id}/adjust", Json.Body("""{"code":"97140","units":1,"modifiers":["GP"],"pointers":[9],"reason":"x"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPointer.StatusCode);

        var adjusted = await biller.PostAsync($"/api/billing/visits/{id}/adjust", Json.Body(
            """{"code":"97140","units":1,"modifiers":["GP","KX"],"pointers":[1],"reason":"Therapy threshold reached; medical necessity documented"}"""));
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        var body = await adjusted.ReadJsonAsync();
        Assert.Equal("Therapy threshold reached; medical necessity documented", body.GetProperty("adjustments")[0].GetProperty("reason").GetString());
        Assert.Equal(["GP", "KX"], Line(body, "97140").GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()));

        var therapist = await app.AsAsync(Roles.Therapist);
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.GetAsync("/api/billing/overview")).StatusCode);
        var harbor = await app.AsAsync(Roles.Biller, TactusApp.OtherEmailDomain);
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync($"/api/billing/visits/{id}")).StatusCode);
        var patient = body.GetProperty("patientId").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync($"/api/patients/{patient}/coverages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync($"/api/patients/{patient}/authorizations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync($"/Billing/Coverage/{patient}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await biller.GetAsync($"/api/patients/{patient}/coverages")).StatusCode);
    }

    [Fact]
    public async Task CheckIn_PastTheAuthorisation_IsRefused_UntilAnOverrideReasonIsGiven()
    {
        var lakesideVisit = (await SeededVisitsAsync("Lakeside Health Plan"))[0];
        var (patientId, referralId) = await app.WithDbAsync(async db =>
        {
            var v = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.VisitCodings, x => x.Id == lakesideVisit);
            return (v.PatientId, v.ReferralId);
        });
        var therapist = await app.AsAsync(Roles.Therapist);
        var intake = await therapist.PostAsync($"/api/patients/{patientId}/intake", Json.Body(
            """{"answers":{},"medications":[],"preferences":{"pauseWord":"amber"},"consentToTreatment":true,"consentGivenBy":"patient"}"""));
        Assert.True(intake.IsSuccessStatusCode, await intake.Content.ReadAsStringAsync());

        // AUTH-7741 approves 4 visits; the demo already holds 2. The check-in page warns before it runs out.
        var page = System.Net.WebUtility.HtmlDecode(await therapist.GetStringAsync($"/Sessions/CheckIn/{referralId}"));
        Assert.Contains("Authorisation AUTH-7741: 1 visit left after this one", page, StringComparison.Ordinal);
        for (var visit = 3; visit <= 4; visit++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsync($"/api/referrals/{referralId}/sessions", Json.Body("""{"painBefore":5,"stressBefore":4,"anotherVisit":true}"""))).StatusCode);
        }

        var refused = await therapist.PostAsync($"/api/referrals/{referralId}/sessions", Json.Body("""{"painBefore":5,"stressBefore":4,"anotherVisit":true}"""));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("AUTH-7741 is used up: 4 of 4 visits", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("AUTH-7741 is used up", System.Net.WebUtility.HtmlDecode(await therapist.GetStringAsync($"/Sessions/CheckIn/{referralId}")), StringComparison.Ordinal);

        var overridden = await therapist.PostAsync($"/api/referrals/{referralId}/sessions", Json.Body(
            """{"painBefore":5,"stressBefore":4,"anotherVisit":true,"authorizationOverride":"Extension requested by phone 27 Nov, reference 5521"}"""));
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        Assert.Equal("Extension requested by phone 27 Nov, reference 5521",
            (await overridden.ReadJsonAsync()).GetProperty("checkIn").GetProperty("authorizationOverride").GetString());

        var biller = await app.AsAsync(Roles.Biller);
        var running = (await (await biller.GetAsync("/api/billing/overview")).ReadJsonAsync()).GetProperty("authorizationsRunningOut").GetProperty("rows").EnumerateArray()
            .Single(x => x.GetProperty("number").GetString() == "AUTH-7741");
        Assert.Equal((5, -1), (running.GetProperty("visitsUsed").GetInt32(), running.GetProperty("visitsLeft").GetInt32()));
    }
}

public sealed class ReimbursementApiSqliteTests(SqliteApp app) : ReimbursementApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReimbursementApiPostgreSqlTests(PostgreSqlApp app) : ReimbursementApiTests(app), IClassFixture<PostgreSqlApp>;
