using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Referrals;

namespace Tactus.Tests.Features.Referrals;

/// <summary>
/// The referral work-list at a clinic's real size: the referral waiting longest is first however many newer ones
/// there are, and the pages together hold every referral exactly once.
/// </summary>
public abstract class ReferralWorklistSizeTests(TactusApp app)
{
    [Fact]
    public async Task TheLongestWaitingUrgentReferral_IsFirst_BehindHundredsOfNewerOnes_AndThePagesHoldEveryReferral()
    {
        var clinicianId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Clinician));
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Clinician);
        var now = app.Clock.GetUtcNow();
        var waiting = Guid.Empty;
        await app.WithDbAsync(async db =>
        {
            var oldest = NewReferral(patient, clinicianId, now.AddDays(-400), ReferralUrgency.Urgent);
            oldest.Send(clinicianId, now.AddDays(-400));
            waiting = oldest.Id;
            db.Referrals.Add(oldest);
            for (var i = 0; i < 520; i++)
            {
                var newer = NewReferral(patient, clinicianId, now.AddMinutes(-i), ReferralUrgency.Routine);
                newer.Send(clinicianId, now.AddMinutes(-i));
                newer.Cancel("Entered twice", clinicianId, now.AddMinutes(-i));
                db.Referrals.Add(newer);
            }

            return await db.SaveChangesAsync();
        });
        var manager = await app.AsAsync(Roles.Manager);

        var firstPage = await manager.GetAsync("/api/referrals?pageSize=200&total=true");
        var total = int.Parse(firstPage.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var ids = (await firstPage.Content.ReadFromJsonAsync<List<ReferralQueries.WorklistItem>>(Json.Options))!.Select(r => r.Id).ToList();
        for (var page = 2; page <= (total + 199) / 200; page++)
        {
            ids.AddRange((await manager.GetFromJsonAsync<List<ReferralQueries.WorklistItem>>($"/api/referrals?pageSize=200&page={page}", Json.Options))!.Select(r => r.Id));
        }

        var html = await manager.GetStringAsync("/Referrals");
        var uncounted = await manager.GetAsync($"/api/referrals?pageSize=200&page={(total + 199) / 200}");

        Assert.Equal(waiting, ids[0]);
        Assert.True(total > 521);
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Contains(waiting.ToString(), html, StringComparison.Ordinal);
        Assert.Contains("pageNumber=2", html, StringComparison.Ordinal);
        Assert.Equal("true", firstPage.Headers.GetValues("X-Has-More").Single());
        Assert.Equal("false", uncounted.Headers.GetValues("X-Has-More").Single());
        Assert.False(uncounted.Headers.Contains("X-Total-Count"));
    }

    private static Referral NewReferral(Tactus.Web.Features.Patients.Patient patient, Guid clinicianId, DateTimeOffset createdAt, ReferralUrgency urgency) => new()
    {
        OrganizationId = patient.OrganizationId, PatientId = patient.Id, ReferringClinicianId = clinicianId, EnteredById = clinicianId,
        Reason = "Low back pain", VisitsRequested = 6, Urgency = urgency, CreatedAt = createdAt,
        Diagnoses = [new ReferralDiagnosis { Rank = 1, Code = "M54.50", Display = "Low back pain, unspecified" }],
    };
}

public sealed class ReferralWorklistSizeSqliteTests(SqliteApp app) : ReferralWorklistSizeTests(app), IClassFixture<SqliteApp>;

public sealed class ReferralWorklistSizePostgreSqlTests(PostgreSqlApp app) : ReferralWorklistSizeTests(app), IClassFixture<PostgreSqlApp>;
