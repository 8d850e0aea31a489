using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Claims.X12;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Billing;

namespace Tactus.Tests.Features.Billing;

/// <summary>The biller's set-up, payer, coverage and claim pages: forms save what is right, show what is wrong and change nothing then.</summary>
public abstract class BillingPagesTests(TactusApp app)
{
    /// <summary>What a reader sees: tags removed, entities decoded, whitespace collapsed.</summary>
    private static string Text(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    private Task<Guid> PayerIdAsync(string payerIdentifier) => app.WithDbAsync(db => Task.FromResult(db.Payers
        .Single(p => p.PayerIdentifier == payerIdentifier && p.OrganizationId == db.Organizations.Single(o => o.Slug == "riverside").Id).Id));

    /// <summary>One of the demo clinic's signed visits under a payer, by date: the first or the last.</summary>
    private async Task<Guid> SeededVisitAsync(string payerIdentifier, bool last = false)
    {
        var payer = await PayerIdAsync(payerIdentifier);
        return await app.WithDbAsync(db =>
        {
            var visits = db.VisitCodings.Where(v => v.PayerId == payer).AsEnumerable().OrderBy(v => v.ServiceDate).ToList();
            return Task.FromResult((last ? visits[^1] : visits[0]).Id);
        });
    }

    private async Task<Guid> DemoPatientAsync(string payerIdentifier)
    {
        var payer = await PayerIdAsync(payerIdentifier);
        return await app.WithDbAsync(db => Task.FromResult(db.Coverages.First(c => c.PayerId == payer).PatientId));
    }

    [Fact]
    public async Task Setup_BadNpi_IsShownAndNothingChanges_GoodProfileSaves()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var fields = new Dictionary<string, string>
        {
            ["Profile.LegalName"] = "Riverside Integrative Health", ["Profile.Npi"] = "1987654321", ["Profile.TaxId"] = "12-3456789",
            ["Profile.AddressLine"] = "100 River St", ["Profile.City"] = "Portland", ["Profile.State"] = "OR", ["Profile.PostalCode"] = "97201-0001",
            ["Profile.SubmitterId"] = "TACTUSDEMO", ["Profile.ReceiverId"] = "DEMOCLEARING", ["Profile.ReceiverName"] = "Demo Clearinghouse",
            ["Profile.PlaceOfService"] = "11", ["Profile.UsageIndicator"] = "T", ["Profile.Separators"] = "|>!~",
        };

        var refused = await biller.PostFormAsync("/Billing/Setup", fields, "/Billing/Setup?handler=Profile");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The NPI fails its check digit", Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal('*', await app.WithDbAsync(db => Task.FromResult(db.BillingProfiles.Single(p => p.OrganizationId == db.Organizations.Single(o => o.Slug == "riverside").Id).ElementSeparator)));

        fields["Profile.Npi"] = "1987654328";
        var saved = await biller.PostFormAsync("/Billing/Setup", fields, "/Billing/Setup?handler=Profile");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var profile = await app.WithDbAsync(db => Task.FromResult(db.BillingProfiles.Single(p => p.OrganizationId == db.Organizations.Single(o => o.Slug == "riverside").Id)));
        Assert.Equal(('|', "972010001", "123456789"), (profile.ElementSeparator, profile.PostalCode, profile.TaxId));

    }

    [Fact]
    public async Task PayerForm_RefusesAMissingName_AndSavesAPayerWithItsRules()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "", ["PayerIdentifier"] = "NWH42", ["ClaimFilingIndicator"] = "CI", ["UnitRule"] = "Cms", ["Modifiers"] = "GP",
            ["DistinctServiceModifier"] = "59", ["VisitLimitPerYear"] = "12", ["RequiresAuthorization"] = "true",
        };

        var refused = await biller.PostFormAsync("/Billing/Payer", fields);
        Assert.Contains("Give the payer's name", Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        fields["Name"] = "Northwest Health";
        Assert.Equal(HttpStatusCode.Redirect, (await biller.PostFormAsync("/Billing/Payer", fields)).StatusCode);
        var setup = Text(await biller.GetStringAsync("/Billing/Setup"));
        Assert.Contains("Northwest Health NWH42 CMS 8-minute GP required 12", setup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoveragePage_AddsCoverageAndAuthorisation_RefusesBackwardsDates()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var patient = await DemoPatientAsync("MCRDEMO");
        var payer = await PayerIdAsync("CWC77");
        var page = $"/Billing/Coverage/{patient}";

        var added = await biller.PostFormAsync(page, new Dictionary<string, string>
        {
            ["PayerId"] = payer.ToString(), ["MemberId"] = "WC-2026-0042", ["Priority"] = "Secondary", ["Relationship"] = "Self", ["StartsOn"] = "2026-01-01",
        }, page + "?handler=Coverage");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var coverage = await app.WithDbAsync(db => Task.FromResult(db.Coverages.Single(c => c.MemberId == "WC-2026-0042").Id));

        var backwards = await biller.PostFormAsync(page, new Dictionary<string, string>
        {
            ["CoverageId"] = coverage.ToString(), ["Number"] = "WC-A1", ["VisitsApproved"] = "6", ["AuthorizationStartsOn"] = "2026-12-01", ["AuthorizationEndsOn"] = "2026-11-01",
        }, page + "?handler=Authorization");
        Assert.Contains("cannot end before it starts", Text(await backwards.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var ok = await biller.PostFormAsync(page, new Dictionary<string, string>
        {
            ["CoverageId"] = coverage.ToString(), ["Number"] = "WC-A1", ["VisitsApproved"] = "6", ["AuthorizationStartsOn"] = "2026-01-01", ["AuthorizationEndsOn"] = "2027-06-30",
        }, page + "?handler=Authorization");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var shown = Text(await biller.GetStringAsync(page));
        Assert.Contains("Secondary: Cascade Workers' Compensation , member WC-2026-0042", shown, StringComparison.Ordinal);
        Assert.Contains("WC-A1", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimPage_ShowsWhyItIsHeld_AndWriteOffNeedsAReason()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var visit = await SeededVisitAsync("MCRDEMO");
        await biller.PostAsync($"/api/billing/visits/{visit}/review", null);
        var claim = (await (await biller.PostAsync("/api/claims", Json.Body($$"""{"visitIds":["{{visit}}"]}"""))).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var page = $"/Billing/Claim/{claim}";

        Assert.Contains("does not accept a massage therapist", Text(await biller.GetStringAsync(page)), StringComparison.Ordinal);
        var paper = await biller.GetAsync(page + "?handler=Paper");
        Assert.Equal("application/pdf", paper.Content.Headers.ContentType?.MediaType);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await paper.Content.ReadAsByteArrayAsync()))
        {
            var words = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("1a Insured's ID number 1EG4TE5MK73", words, StringComparison.Ordinal);
            Assert.Contains("97124 GP XS", words, StringComparison.Ordinal);
            Assert.Contains("28 Total charge 140.00", words, StringComparison.Ordinal);
            Assert.Contains("33a Billing provider NPI 1987654328", words, StringComparison.Ordinal);
        }

        var refused = await biller.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = " " }, page + "?handler=WriteOff");
        Assert.Contains("Give the reason for writing off this claim", Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var written = await biller.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = "Not billable to Medicare; patient informed of self-pay" }, page + "?handler=WriteOff");
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        Assert.Contains("Held → WrittenOff — Not billable to Medicare", Text(await biller.GetStringAsync(page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoBillersClaimingOneVisitAtOnce_TheSecondIsRefused()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var visit = await SeededVisitAsync("LHP01", last: true);
        await biller.PostAsync($"/api/billing/visits/{visit}/review", null);
        await using var first = app.SystemScope();
        await using var second = app.SystemScope();
        var firstDb = first.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
        var a = firstDb.VisitCodings.Single(v => v.Id == visit);
        var b = secondDb.VisitCodings.Single(v => v.Id == visit);

        a.MarkClaimed(Guid.NewGuid());
        await firstDb.SaveChangesAsync();
        b.MarkClaimed(Guid.NewGuid());

        await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
    }

    [Fact]
    public async Task TestBatch_OffersTheTestPayersResponse_WhichPostsLikeARealOne()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var visit = await SeededVisitAsync("LHP01");
        await biller.PostAsync($"/api/billing/visits/{visit}/review", null);
        var claim = (await (await biller.PostAsync("/api/claims", Json.Body($$"""{"visitIds":["{{visit}}"]}"""))).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var batch = (await (await biller.PostAsync("/api/claims/export", Json.Body("{}"))).ReadJsonAsync()).GetProperty("batchId").GetGuid();

        var desk = await biller.GetStringAsync("/Billing");
        Assert.Contains("simulated 835 from LAKESIDE HEALTH PLAN", Text(desk), StringComparison.Ordinal);
        var response = await biller.GetStringAsync($"/Billing?handler=TestRemittance&id={batch}&payer=LHP01");
        var posted = await (await biller.PostAsync("/api/remittances", new StringContent(response))).ReadJsonAsync();

        Assert.Equal(((90m + 50m) * 0.8m * 0.8m), posted.GetProperty("paid").GetDecimal());
        Assert.Equal("Paid", (await (await biller.GetAsync($"/api/claims/{claim}")).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await biller.GetAsync($"/Billing?handler=TestRemittance&id={batch}&payer=NOPE")).StatusCode);

        // What is left goes to the secondary payer with the primary's adjudication attached (loops 2320, 2330A/B, 2430).
        var patient = await app.WithDbAsync(db => Task.FromResult(db.Claims.Single(c => c.Id == claim).PatientId));
        var workers = await PayerIdAsync("CWC77");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await biller.PostAsync($"/api/claims/{claim}/secondary", null)).StatusCode);
        await biller.PostAsync($"/api/patients/{patient}/coverages", Json.Body($$"""{"payerId":"{{workers}}","memberId":"CWC-9001","priority":"Secondary","relationship":"Self","startsOn":"2020-01-01"}"""));
        var secondary = await (await biller.PostAsync($"/api/claims/{claim}/secondary", null)).ReadJsonAsync();
        Assert.Equal("Ready", secondary.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await biller.PostAsync($"/api/claims/{claim}/secondary", null)).StatusCode);
        var cob = await (await biller.PostAsync("/api/claims/export", Json.Body($$"""{"claimIds":["{{secondary.GetProperty("id").GetGuid()}}"]}"""))).ReadJsonAsync();
        // Another test in this class may have set the separators to "|>!~": read them from the file, as a clearinghouse would.
        var (separators, segments) = X12Reader.Read(await biller.GetStringAsync($"/api/claims/batches/{cob.GetProperty("batchId").GetGuid()}/file"));
        var sbrs = segments.Where(s => s.Id == "SBR").ToList();
        Assert.Equal(("S", "P"), (sbrs[0][1], sbrs[1][1]));
        Assert.Equal("89.6", segments.Single(s => s.Id == "AMT" && s[1] == "D")[2]);
        Assert.Equal(["CWC77", "LHP01"], segments.Where(s => s.Id == "NM1" && s[1] == "PR").Select(s => s[9]));
        Assert.Equal([("LHP01", "57.6", "HC:97124:XS", "2"), ("LHP01", "32", "HC:97140", "1")], segments.Where(s => s.Id == "SVD").Select(s => (s[1], s[2], s[3].Replace(separators.Component, ':'), s[5])));
        Assert.Equal(["CAS*CO*45*18", "CAS*PR*2*14.4", "CAS*CO*45*10", "CAS*PR*2*8"], segments.Where(s => s.Id == "CAS").Select(s => string.Join("*", s.Elements)));
        Assert.Equal(2, segments.Count(s => s.Id == "DTP" && s[1] == "573"));

        // The secondary's simulated 835 pays what the primary left to the patient (coinsurance 22.40), not the charge again.
        var secondaryResponse = await biller.GetStringAsync($"/Billing?handler=TestRemittance&id={cob.GetProperty("batchId").GetGuid()}&payer=CWC77");
        var secondaryPosted = await (await biller.PostAsync("/api/remittances", new StringContent(secondaryResponse))).ReadJsonAsync();
        var secondaryClaim = await (await biller.GetAsync($"/api/claims/{secondary.GetProperty("id").GetGuid()}")).ReadJsonAsync();
        Assert.Equal(22.4m, secondaryPosted.GetProperty("paid").GetDecimal());
        Assert.Equal(("Paid", 22.4m, 0m), (secondaryClaim.GetProperty("status").GetString(), secondaryClaim.GetProperty("paid").GetDecimal(),
            secondaryClaim.GetProperty("patientResponsibility").GetDecimal()));
    }

    [Fact]
    public async Task ReviewedVisits_HaveTheirOwnWorkList_AndClaimsAreMadeForSeveralAtOnce()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var (first, last) = await TwoInsuredVisitsAsync(biller);
        var reviews = new[] { await biller.PostAsync($"/api/billing/visits/{first}/review", null), await biller.PostAsync($"/api/billing/visits/{last}/review", null) };
        Assert.All(reviews, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var desk = await biller.GetStringAsync("/Billing");
        var made = await biller.PostFormAsync("/Billing", [], "/Billing?handler=MakeClaims");
        var form = new FormUrlEncodedContent([new("visitIds", first.ToString()), new("visitIds", last.ToString()),
            new("__RequestVerificationToken", await SignIn.AntiforgeryTokenAsync(biller, "/Billing"))]);
        var claimed = await biller.PostAsync("/Billing?handler=MakeClaims", form);
        var after = await biller.GetStringAsync("/Billing");
        var codings = await app.WithDbAsync(db => Task.FromResult(db.VisitCodings.Where(v => v.Id == first || v.Id == last).Select(v => v.ClaimId).ToList()));

        Assert.Contains($"value=\"{first}\"", desk, StringComparison.Ordinal);
        Assert.Contains($"value=\"{last}\"", desk, StringComparison.Ordinal);
        Assert.Contains("Tick the reviewed visits to claim", Text(await made.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Contains("Made 1 claim", Text(after), StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(codings.Distinct()));
        Assert.DoesNotContain($"value=\"{first}\"", after, StringComparison.Ordinal);
    }

    /// <summary>A new patient covered by the workers' compensation payer with two signed visits today: its own, so no other test's visits are used.</summary>
    private async Task<(Guid First, Guid Second)> TwoInsuredVisitsAsync(HttpClient biller)
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Hollis", familyName: "Brandt");
        var workers = await PayerIdAsync("CWC77");
        Assert.Equal(HttpStatusCode.Created, (await biller.PostAsync($"/api/patients/{loop.PatientId}/coverages",
            Json.Body($$"""{"payerId":"{{workers}}","memberId":"CWC-4411","priority":"Primary","relationship":"Self","startsOn":"2020-01-01"}"""))).StatusCode);
        await loop.RecordIntakeAsync("{}");
        var sessions = new List<Guid>();
        foreach (var another in new[] { "false", "true" })
        {
            var id = (await (await loop.CheckInAsync($$"""{"painBefore":5,"stressBefore":3,"changes":{},"anotherVisit":{{another}}}""")).ReadJsonAsync()).GetProperty("id").GetGuid();
            await loop.Therapist.PutAsync($"/api/sessions/{id}/note", Json.Body("""{"techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3}"""));
            Assert.Equal(HttpStatusCode.OK, (await loop.Therapist.PostAsync($"/api/sessions/{id}/sign", null)).StatusCode);
            sessions.Add(id);
        }

        var codings = await app.WithDbAsync(db => Task.FromResult(db.VisitCodings.Where(v => sessions.Contains(v.SessionId)).OrderBy(v => v.CreatedAt).Select(v => v.Id).ToList()));
        return (codings[0], codings[1]);
    }

    [Fact]
    public async Task PayerIdOfAnotherPayer_OnEdit_Answers409()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var lakeside = await PayerIdAsync("LHP01");

        var response = await biller.PutAsync($"/api/billing/payers/{lakeside}", Json.Body("""{"name":"Lakeside Health Plan","payerIdentifier":"CWC77","unitRule":"Cms"}"""));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("CWC77 is already set up", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("LHP01", await app.WithDbAsync(db => Task.FromResult(db.Payers.Single(p => p.Id == lakeside).PayerIdentifier)));
    }

    [Fact]
    public async Task BillingPages_AreForBillersManagersAndAdministratorsOnly()
    {
        var therapist = await app.AsAsync(Roles.Therapist);
        var clinician = await app.AsAsync(Roles.Clinician);

        foreach (var client in new[] { therapist, clinician })
        {
            var response = await client.GetAsync("/Billing/Setup");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("AccessDenied", StringComparison.Ordinal) == true,
                response.StatusCode.ToString());
        }

        Assert.Equal(HttpStatusCode.OK, (await (await app.AsAsync(Roles.Manager)).GetAsync("/Billing")).StatusCode);
    }
}

public sealed class BillingPagesSqliteTests(SqliteApp app) : BillingPagesTests(app), IClassFixture<SqliteApp>;

public sealed class BillingPagesPostgreSqlTests(PostgreSqlApp app) : BillingPagesTests(app), IClassFixture<PostgreSqlApp>;
