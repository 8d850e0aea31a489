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
public abstract class ReimbursementApiTests(TactusApp app)
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

    [Fact]
    public async Task MedicareClaim_ForAMassageTherapist_IsHeldWithTheReason()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var visit = (await SeededVisitsAsync("Medicare Part B (demo jurisdiction)"))[0];
        Assert.Equal(HttpStatusCode.OK, (await biller.PostAsync($"/api/billing/visits/{visit}/review", null)).StatusCode);

        var claim = (await (await biller.PostAsync("/api/claims", Json.Body($$"""{"visitIds":["{{visit}}"]}"""))).ReadJsonAsync())[0];

        Assert.Equal("Held", claim.GetProperty("status").GetString());
        Assert.Contains(claim.GetProperty("holdReasons").EnumerateArray(), r => r.GetString()!.Contains("massage therapist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Claim_To837P_To835_PostsEveryNumber_AndRefusesBadOrRepeatedFiles()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var lakeside = await ToReviewAsync(biller, "Lakeside Health Plan");
        foreach (var visit in lakeside)
        {
            Assert.Equal(HttpStatusCode.OK, (await biller.PostAsync($"/api/billing/visits/{visit.GetProperty("id").GetGuid()}/review", null)).StatusCode);
        }

        var patientId = lakeside[0].GetProperty("patientId").GetGuid();
        var created = await biller.PostAsync("/api/claims", Json.Body($$"""{"patientId":"{{patientId}}","from":"2000-01-01","to":"2100-01-01"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = (await created.ReadJsonAsync())[0];
        Assert.Equal("Ready", claim.GetProperty("status").GetString());
        Assert.Equal(190m, claim.GetProperty("totalCharge").GetDecimal());
        var number = claim.GetProperty("claimNumber").GetString()!;

        var export = await biller.PostAsync("/api/claims/export", Json.Body($$"""{"claimIds":["{{claim.GetProperty("id").GetGuid()}}"]}"""));
        Assert.Equal(HttpStatusCode.Created, export.StatusCode);
        var batch = await export.ReadJsonAsync();
        var file = await biller.GetStringAsync($"/api/claims/batches/{batch.GetProperty("batchId").GetGuid()}/file");
        var segments = X12Reader.Read(file).Segments;
        var se = segments.Single(s => s.Id == "SE");
        Assert.Equal(segments.SkipWhile(s => s.Id != "ST").TakeWhile(s => s.Id != "SE").Count() + 1, int.Parse(se[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(segments[0][13], segments[^1][2]);
        Assert.Equal((number, "190"), (segments.Single(s => s.Id == "CLM")[1], segments.Single(s => s.Id == "CLM")[2]));
        Assert.Equal("AUTH-7741", segments.Single(s => s.Id == "REF" && s[1] == "G1")[2]);
        Assert.Equal("1234567893", segments.Single(s => s.Id == "NM1" && s[1] == "DN")[9]);
        Assert.Equal("1245319599", segments.Single(s => s.Id == "NM1" && s[1] == "82")[9]);
        Assert.Equal(["HC:97124:XS", "HC:97140", "HC:97140"], segments.Where(s => s.Id == "SV1").Select(s => s[1]));
        var nothingLeft = await biller.PostAsync("/api/claims/export", Json.Body("{}"));
        Assert.Equal(HttpStatusCode.Conflict, nothingLeft.StatusCode);

        // The payer pays line 1 after contract and coinsurance, denies line 2 as not medically necessary, pays line 3.
        var remittance = Remittance(number, segments.Where(s => s.Id == "DTP").Select(s => s[3]).ToList(), payment: "95");
        var before = await app.LastAuditSequenceAsync();
        foreach (var broken in new[] { Remittance(number, segments.Where(s => s.Id == "DTP").Select(s => s[3]).ToList(), payment: "100"),
                     remittance.Replace(number, "TC999999", StringComparison.Ordinal), file, "not an x12 file at all" })
        {
            var refused = await biller.PostAsync("/api/remittances", Text(broken));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("nothing was posted", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await app.LastAuditSequenceAsync());
        var posted = await (await biller.PostAsync("/api/remittances", Text(remittance))).ReadJsonAsync();
        Assert.Equal((false, 1, 1, 95m), (posted.GetProperty("duplicate").GetBoolean(), posted.GetProperty("claimsPosted").GetInt32(),
            posted.GetProperty("deniedLines").GetInt32(), posted.GetProperty("paid").GetDecimal()));

        var again = await (await biller.PostAsync("/api/remittances", Text(remittance))).ReadJsonAsync();
        Assert.True(again.GetProperty("duplicate").GetBoolean());

        // A trace number is unique per payer only: the same trace from another payer (TRN03) is not a duplicate. Here it
        // would pay the paid claim a second time, so it is refused with the reason, and nothing is posted.
        var dtp = segments.Where(s => s.Id == "DTP").Select(s => s[3]).ToList();
        var otherPayersTrace = await biller.PostAsync("/api/remittances", Text(Remittance(number, dtp, payment: "95").Replace("TRN*1*EFT-88123*1512345678", "TRN*1*EFT-88123*1999999999", StringComparison.Ordinal)));
        var secondTrace = await biller.PostAsync("/api/remittances", Text(Remittance(number, dtp, payment: "95", trace: "EFT-99999")));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (otherPayersTrace.StatusCode, secondTrace.StatusCode));
        Assert.Contains($"claim {number} was already paid 95.00", await secondTrace.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var statement = await (await biller.GetAsync($"/api/patients/{patientId}/statement")).ReadJsonAsync();
        Assert.Equal(15m, statement.GetProperty("balance").GetDecimal());
        var after = await (await biller.GetAsync($"/api/claims/{claim.GetProperty("id").GetGuid()}")).ReadJsonAsync();
        Assert.Equal(("PartlyPaid", 95m, 15m), (after.GetProperty("status").GetString(), after.GetProperty("paid").GetDecimal(),
            after.GetProperty("patientResponsibility").GetDecimal()));
        var lines = after.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([60m, 0m, 35m], lines.Select(l => l.GetProperty("paid").GetDecimal()));
        Assert.Equal([false, true, false], lines.Select(l => l.GetProperty("denied").GetBoolean()));

        var denials = (await (await biller.GetAsync("/api/billing/overview")).ReadJsonAsync()).GetProperty("denied").GetProperty("rows").EnumerateArray()
            .Single(d => d.GetProperty("claimNumber").GetString() == number);
        Assert.Contains(denials.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("CO-50: Not medically necessary", StringComparison.Ordinal)
            && r.GetString()!.Contains("N130", StringComparison.Ordinal));

        // The payer reverses that payment (CLP02 22): the claim waits again with nothing paid; its new decision posts as usual.
        var claimId = claim.GetProperty("id").GetGuid();
        var dates = segments.Where(s => s.Id == "DTP").Select(s => s[3]).ToList();
        await biller.PostAsync("/api/remittances", Text(Remittance(number, dates, payment: "-95", trace: "EFT-88124", reversal: true)));
        var reversed = await (await biller.GetAsync($"/api/claims/{claimId}")).ReadJsonAsync();
        Assert.Equal(("Submitted", 0m, 0m), (reversed.GetProperty("status").GetString(), reversed.GetProperty("paid").GetDecimal(),
            reversed.GetProperty("patientResponsibility").GetDecimal()));
        Assert.All(reversed.GetProperty("lines").EnumerateArray(), l => Assert.Equal((0m, false), (l.GetProperty("paid").GetDecimal(), l.GetProperty("denied").GetBoolean())));
        var reversedStatement = await (await biller.GetAsync($"/api/patients/{patientId}/statement")).ReadJsonAsync();
        await biller.PostAsync("/api/remittances", Text(Remittance(number, dates, payment: "95", trace: "EFT-88125")));
        Assert.Equal("PartlyPaid", (await (await biller.GetAsync($"/api/claims/{claimId}")).ReadJsonAsync()).GetProperty("status").GetString());
        var finalStatement = await (await biller.GetAsync($"/api/patients/{patientId}/statement")).ReadJsonAsync();
        Assert.Equal((0m, 15m, 3), (reversedStatement.GetProperty("balance").GetDecimal(), finalStatement.GetProperty("balance").GetDecimal(),
            finalStatement.GetProperty("lines").GetArrayLength()));

        // The biller corrects it: the visits come back for review and the next claim replaces the adjudicated one (frequency 7, REF*F8).
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await biller.PostAsync($"/api/claims/{claimId}/correct", Json.Body("{}"))).StatusCode);
        var replaced = await biller.PostAsync($"/api/claims/{claimId}/correct", Json.Body("""{"reason":"Medical necessity for the manual therapy is in the note; resubmitting"}"""));
        Assert.Equal("Replaced", (await replaced.ReadJsonAsync()).GetProperty("status").GetString());
        foreach (var visit in lakeside)
        {
            Assert.Equal(HttpStatusCode.OK, (await biller.PostAsync($"/api/billing/visits/{visit.GetProperty("id").GetGuid()}/review", null)).StatusCode);
        }

        var correction = (await (await biller.PostAsync("/api/claims", Json.Body($$"""{"patientId":"{{patientId}}","from":"2000-01-01","to":"2100-01-01"}"""))).ReadJsonAsync())[0];
        Assert.Equal("LHP2026113000017", correction.GetProperty("replacesPayerControlNumber").GetString());
        var resent = await (await biller.PostAsync("/api/claims/export", Json.Body($$"""{"claimIds":["{{correction.GetProperty("id").GetGuid()}}"]}"""))).ReadJsonAsync();
        var second = X12Reader.Read(await biller.GetStringAsync($"/api/claims/batches/{resent.GetProperty("batchId").GetGuid()}/file")).Segments;
        Assert.Equal("11:B:7", second.Single(s => s.Id == "CLM")[5]);
        Assert.Equal("LHP2026113000017", second.Single(s => s.Id == "REF" && s[1] == "F8")[2]);
        Assert.NotEqual(segments[0][13], second[0][13]);

        // The replaced claim lives on in its replacement: the desk counts the money once.
        var overview = await (await biller.GetAsync("/api/billing/overview")).ReadJsonAsync();
        var lakesideTotals = overview.GetProperty("byPayer").EnumerateArray().Single(p => p.GetProperty("payerName").GetString() == "Lakeside Health Plan");
        Assert.Equal((1, 190m), (lakesideTotals.GetProperty("claims").GetInt32(), lakesideTotals.GetProperty("charged").GetDecimal()));
        Assert.Equal(1, overview.GetProperty("aging").EnumerateArray().Sum(b => b.GetProperty("claims").GetInt32()));
    }

    /// <summary>An 835 as a payer would send it for the Lakeside claim: 90 → 60 (CO-45 20, PR-2 10), 50 → 0 (CO-50), 50 → 35 (CO-45 10, PR-3 5).</summary>
    /// <param name="reversal">The payer takes the same payment back: CLP02 22 and every amount negative (a new trace number).</param>
    private static string Remittance(string claimNumber, IReadOnlyList<string> dates, string payment, string trace = "EFT-88123", bool reversal = false)
    {
        var sign = reversal ? "-" : "";
        var body = new List<string>
        {
            "ST*835*0001", $"BPR*I*{payment}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261130", $"TRN*1*{trace}*1512345678",
            "DTM*405*20261130", "N1*PR*LAKESIDE HEALTH PLAN", "N3*1 PAYER WAY", "N4*PORTLAND*OR*97201", "N1*PE*RIVERSIDE INTEGRATIVE HEALTH*XX*1987654328",
            "LX*1", $"CLP*{claimNumber}*{(reversal ? "22" : "1")}*{sign}190*{sign}95*{sign}15*12*LHP2026113000017", "NM1*QC*1*PATIENT*DEMO", "DTM*232*" + dates[0],
            $"SVC*HC:97124:XS*{sign}90*{sign}60**2", $"DTM*472*{dates[0]}", $"CAS*CO*45*{sign}20", $"CAS*PR*2*{sign}10", $"REF*6R*{claimNumber}-1", "AMT*B6*70",
            $"SVC*HC:97140*{sign}50*0**0", $"DTM*472*{dates[1]}", $"CAS*CO*50*{sign}50", $"REF*6R*{claimNumber}-2", "LQ*HE*N130",
            $"SVC*HC:97140*{sign}50*{sign}35**1", $"DTM*472*{dates[2]}", $"CAS*CO*45*{sign}10", $"CAS*PR*3*{sign}5", $"REF*6R*{claimNumber}-3", "AMT*B6*40",
        };
        body.Add($"SE*{body.Count + 1}*0001");
        return "ISA*00*          *00*          *ZZ*LHP01          *ZZ*TACTUSDEMO     *261130*0900*^*00501*000000777*0*T*:~"
            + "GS*HP*LHP01*TACTUSDEMO*20261130*0900*777*X*005010X221A1~" + string.Join("~", body) + "~GE*1*777~IEA*1*000000777~";
    }
}

public sealed class ReimbursementApiSqliteTests(SqliteApp app) : ReimbursementApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReimbursementApiPostgreSqlTests(PostgreSqlApp app) : ReimbursementApiTests(app), IClassFixture<PostgreSqlApp>;
