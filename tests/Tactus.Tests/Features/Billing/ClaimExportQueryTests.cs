using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Data;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims;

namespace Tactus.Tests.Features.Billing;

/// <summary>
/// An export of many claims reads what the claims name (patients, coverages, payers, practitioners, the billing
/// profile) once for all of them, not once or twice per claim: a 500-claim batch used to send about twenty queries a claim.
/// </summary>
public sealed partial class ClaimExportQueryTests(SqlitePlanRecordingApp app) : IClassFixture<SqlitePlanRecordingApp>
{
    private const int Claims = 12;

    [Fact]
    public async Task ExportOfManyClaims_ReadsEachKindOfPartyOnce()
    {
        var ids = await app.WithDbAsync(async db =>
        {
            var organizationId = await db.Organizations.Where(o => o.Slug == DemoClinic.Slug).Select(o => o.Id).SingleAsync();
            // Lakeside's visits: a payer that accepts a massage therapist as rendering provider, so the claims are exported, not held.
            var lakeside = await db.Payers.IgnoreQueryFilters().Where(p => p.OrganizationId == organizationId && p.Name == "Lakeside Health Plan").Select(p => p.Id).SingleAsync();
            var codings = await db.VisitCodings.IgnoreQueryFilters()
                .Where(v => v.OrganizationId == organizationId && v.CoverageId != null && v.PayerId == lakeside).OrderBy(v => v.Id).ToListAsync();
            var referrers = await db.Referrals.IgnoreQueryFilters().AsNoTracking().Where(r => r.OrganizationId == organizationId)
                .ToDictionaryAsync(r => r.Id, r => r.ReferringClinicianId);
            var claims = Enumerable.Range(0, Claims).Select(i => codings[i % codings.Count]).Select((coding, i) => new Claim
            {
                OrganizationId = organizationId, PatientId = coding.PatientId, CoverageId = coding.CoverageId!.Value, PayerId = coding.PayerId!.Value,
                ClaimNumber = $"QX{i:D4}", PlaceOfService = "11", RenderingTherapistId = coding.TherapistId, ReferringClinicianId = referrers[coding.ReferralId], VisitCodingIds = [coding.Id],
                Diagnoses = [.. coding.Diagnoses], FromDate = coding.ServiceDate, ToDate = coding.ServiceDate, TotalCharge = coding.TotalCharge,
                CreatedAt = app.Clock.GetUtcNow(),
                Lines = [.. coding.Lines.Where(l => l.Billable).Select((l, n) => new ClaimLine(n + 1, coding.Id, coding.ServiceDate, l.Code, l.Modifiers, l.Units, l.Charge, l.DiagnosisPointers))],
            }).ToList();
            db.Claims.AddRange(claims);
            await db.SaveChangesAsync();
            return claims.Select(c => c.Id).ToList();
        });
        var biller = await app.AsAsync(Roles.Biller);

        app.Recorder.Start();
        var response = await biller.PostAsync("/api/claims/export", Json.Body($$"""{"claimIds":[{{string.Join(",", ids.Select(id => $"\"{id}\""))}}]}"""));
        var queries = app.Recorder.Stop();

        var reasons = await app.WithDbAsync(db => db.Claims.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        Assert.True(response.IsSuccessStatusCode, string.Join(" | ", reasons.SelectMany(r => r.HoldReasons).Distinct()) + $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var perTable = queries.Select(q => MainTable().Match(q.Sql)).Where(m => m.Success).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count());
        foreach (var table in new[] { "Patients", "Payers", "Coverages", "Practitioners", "AspNetUsers", "BillingProfiles" })
        {
            Assert.True(perTable.GetValueOrDefault(table) <= 3, $"{table} was read {perTable.GetValueOrDefault(table)} times for {Claims} claims");
        }

        // What is still asked per claim is its authorisation and the payer's yearly visit count (indexed counts).
        Assert.True(queries.Count <= 20 + (5 * Claims), $"{queries.Count} queries for {Claims} claims");
    }

    [GeneratedRegex("""^\s*SELECT .*?\bFROM "(\w+)" """, RegexOptions.Singleline)]
    private static partial Regex MainTable();
}
