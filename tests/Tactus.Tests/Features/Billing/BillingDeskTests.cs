using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims;

namespace Tactus.Tests.Features.Billing;

/// <summary>
/// The billing desk at more than one page: each list is sorted and cut by the database (every claim appears once, in
/// order, across the pages) and the aging buckets and payer totals are sums over every claim, to the cent, not over a
/// page or the first few hundred rows.
/// </summary>
public abstract class BillingDeskTests(TactusApp app)
{
    private const int PageSize = 50;

    private sealed record Seeded(Guid Id, DateTimeOffset CreatedAt);

    /// <summary>Claims straight into the store for a demo patient's coverage: the desk is what is tested here, not claim making.</summary>
    private Task<List<Claim>> AddClaimsAsync(int count, Func<int, Claim, Claim> shape) => app.WithDbAsync(async db =>
    {
        var organizationId = await db.Organizations.Where(o => o.Slug == DemoClinic.Slug).Select(o => o.Id).SingleAsync();
        var coverage = await db.Coverages.IgnoreQueryFilters().Where(c => c.OrganizationId == organizationId).OrderBy(c => c.Id).FirstAsync();
        var start = app.Clock.GetUtcNow().AddDays(-1);
        var prefix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var claims = Enumerable.Range(0, count).Select(i => shape(i, new Claim
        {
            OrganizationId = organizationId, PatientId = coverage.PatientId, CoverageId = coverage.Id, PayerId = coverage.PayerId,
            ClaimNumber = $"T{prefix}{i:D4}", PlaceOfService = "11", RenderingTherapistId = Guid.NewGuid(),
            FromDate = DateOnly.FromDateTime(start.UtcDateTime), ToDate = DateOnly.FromDateTime(start.UtcDateTime),
            TotalCharge = 100.00m + i, CreatedAt = start.AddMinutes(count - i),
            Lines = [new ClaimLine(1, Guid.NewGuid(), DateOnly.FromDateTime(start.UtcDateTime), "97124", ["GP"], 2, 100.00m + i, [1])],
        })).ToList();
        db.Claims.AddRange(claims);
        await db.SaveChangesAsync();
        return claims;
    });

    private static async Task<JsonElement> OverviewAsync(HttpClient biller, string query = "") =>
        await (await biller.GetAsync($"/api/billing/overview{query}")).ReadJsonAsync();

    private static List<string> Numbers(JsonElement list) => [.. list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("claimNumber").GetString()!)];

    [Fact]
    public async Task ReadyClaims_OverSeveralPages_EachAppearsOnce_OldestFirst()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var before = (await OverviewAsync(biller)).GetProperty("ready").GetProperty("total").GetInt32();
        var added = await AddClaimsAsync(PageSize + 7, (_, c) => c);

        var first = (await OverviewAsync(biller)).GetProperty("ready");
        var second = (await OverviewAsync(biller, "?ready=2")).GetProperty("ready");
        var html = await biller.GetStringAsync("/Billing?ready=2");

        var total = before + added.Count;
        Assert.Equal(total, first.GetProperty("total").GetInt32());
        Assert.Equal((1, 2), (first.GetProperty("pageNumber").GetInt32(), second.GetProperty("pageNumber").GetInt32()));
        Assert.Equal(PageSize, Numbers(first).Count);
        Assert.Equal(total - PageSize, Numbers(second).Count);
        var shown = Numbers(first).Concat(Numbers(second)).ToList();
        Assert.Equal(shown.Distinct().Count(), shown.Count);
        Assert.Subset(shown.ToHashSet(), added.Select(c => c.ClaimNumber).ToHashSet());
        // Oldest first: the seeded claims were created in reverse number order, so the last-numbered is shown first of them.
        var seededInOrder = shown.Where(n => added.Any(c => c.ClaimNumber == n)).ToList();
        Assert.Equal(added.OrderBy(c => c.CreatedAt).Select(c => c.ClaimNumber), seededInOrder);
        Assert.Contains($"Claims ready to send ({total})", html, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", html, StringComparison.Ordinal);
        Assert.Contains(added.OrderBy(c => c.CreatedAt).Last().ClaimNumber, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgingAndPayerTotals_SumEveryOpenClaim_ToTheCent()
    {
        var biller = await app.AsAsync(Roles.Biller);
        var before = await OverviewAsync(biller);
        var now = app.Clock.GetUtcNow();
        int[] daysAgo = [3, 40, 40, 75, 100, 200];
        var added = await AddClaimsAsync(PageSize * 2 + daysAgo.Length, (i, claim) =>
        {
            var days = daysAgo[i % daysAgo.Length];
            claim.Submit(Guid.NewGuid(), Guid.NewGuid(), now.AddDays(-days).AddHours(-1));
            if (i % 2 == 0)
            {
                return claim; // sent, no answer yet: all of the charge is outstanding
            }

            // Denied with the patient's share and a contractual adjustment: the rest stays outstanding for the biller to work.
            claim.Lines = [claim.Lines[0] with
            {
                Denied = true, Adjustments = [new LineAdjustment("CO", "50", 12.34m, null), new LineAdjustment("PR", "2", 5.00m, null)],
            }];
            claim.Remitted("PCN" + i, 0m, 5.00m, claimDenied: false, now.AddDays(-days + 1));
            return claim;
        });
        var after = await OverviewAsync(biller);

        var denied = added.Where(c => c.Status == ClaimStatus.Denied).ToList();
        decimal Outstanding(Claim c) => c.Status == ClaimStatus.Denied ? c.TotalCharge - 5.00m - 12.34m : c.TotalCharge;
        var expectedBands = new[] { (0, 30), (31, 60), (61, 90), (91, 120), (121, int.MaxValue) }
            .Select(b => added.Where(c => (now - c.SubmittedAt!.Value).Days is var d && d >= b.Item1 && d <= b.Item2).ToList()).ToList();
        var bandsBefore = before.GetProperty("aging").EnumerateArray().ToList();
        var bandsAfter = after.GetProperty("aging").EnumerateArray().ToList();
        for (var band = 0; band < expectedBands.Count; band++)
        {
            Assert.Equal(bandsBefore[band].GetProperty("claims").GetInt32() + expectedBands[band].Count, bandsAfter[band].GetProperty("claims").GetInt32());
            Assert.Equal(bandsBefore[band].GetProperty("outstanding").GetDecimal() + expectedBands[band].Sum(Outstanding),
                bandsAfter[band].GetProperty("outstanding").GetDecimal());
        }

        var payerName = await app.WithDbAsync(db => db.Payers.IgnoreQueryFilters().Where(p => p.Id == added[0].PayerId).Select(p => p.Name).SingleAsync());
        JsonElement? Payer(JsonElement overview) => overview.GetProperty("byPayer").EnumerateArray()
            .Where(p => p.GetProperty("payerName").GetString() == payerName).Select(p => (JsonElement?)p).FirstOrDefault();
        var payerBefore = Payer(before);
        var payerAfter = Payer(after)!.Value;
        decimal Was(string field) => payerBefore?.GetProperty(field).GetDecimal() ?? 0m;
        Assert.Equal(Was("claims") + added.Count, payerAfter.GetProperty("claims").GetDecimal());
        Assert.Equal(Was("charged") + added.Sum(c => c.TotalCharge), payerAfter.GetProperty("charged").GetDecimal());
        Assert.Equal(Was("paid"), payerAfter.GetProperty("paid").GetDecimal());
        Assert.Equal(Was("patientResponsibility") + (denied.Count * 5.00m), payerAfter.GetProperty("patientResponsibility").GetDecimal());
        Assert.Equal(Was("adjusted") + (denied.Count * 12.34m), payerAfter.GetProperty("adjusted").GetDecimal());
        Assert.Equal(added.Count / 2, denied.Count);
        Assert.Equal(Was("outstanding") + added.Sum(Outstanding), payerAfter.GetProperty("outstanding").GetDecimal());
    }
}

public sealed class BillingDeskSqliteTests(SqliteApp app) : BillingDeskTests(app), IClassFixture<SqliteApp>;

public sealed class BillingDeskPostgreSqlTests(PostgreSqlApp app) : BillingDeskTests(app), IClassFixture<PostgreSqlApp>;
