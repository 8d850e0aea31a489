using System.Net;
using System.Text;
using System.Text.Json;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims.X12;

namespace Tactus.Tests.Features.Billing;

/// <summary>The claim half of the loop: holds, the 837P and what an 835 posts back.</summary>
public abstract partial class ReimbursementApiTests
{
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
