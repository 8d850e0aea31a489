using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Portal;

/// <summary>
/// The patient's preferences and consents in the portal (issue 13 §4): what they set reaches the therapist's safety
/// panel at the next visit, the research consent can be withdrawn, the old health history stays as history, and a
/// choice out of range is refused and stores nothing.
/// </summary>
public abstract class PortalPreferencesTests(TactusApp app)
{
    private const string Password = "Willow-compass-amber-31";
    private const string Page = "/Portal/Preferences";

    [Fact]
    public async Task APatientsPreferences_ReachTheTherapist_AndResearchConsentCanBeWithdrawn()
    {
        var (portal, loop) = await PatientWithIntakeAsync();
        var before = await app.WithDbAsync(db => db.Intakes.CountAsync(i => i.PatientId == loop.PatientId));

        var refused = await portal.PostFormAsync(Page, new() { ["Input.Pressure"] = "9", ["Input.PauseWord"] = "amber" });
        var afterRefusal = await app.WithDbAsync(db => db.Intakes.CountAsync(i => i.PatientId == loop.PatientId));
        var saved = await portal.PostFormAsync(Page, new()
        {
            ["Input.Pressure"] = "2", ["Input.AreasNotToTouch"] = "neck-front", ["Input.PauseWord"] = "harbour", ["Input.Draping"] = "Stay clothed",
            ["Input.Notes"] = "Tell me before touching my shoulders", ["ConsentToDataUse"] = "false",
        });
        var therapistView = await loop.Therapist.GetStringAsync($"/Patients/Details/{loop.PatientId}");
        var latest = await app.WithDbAsync(db => db.Intakes.AsNoTracking().Where(i => i.PatientId == loop.PatientId).OrderByDescending(i => i.RecordedAt).FirstAsync());
        var patientUser = await app.UserIdAsync(PortalEmail(loop));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose a pressure from 1", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, afterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Intakes.CountAsync(i => i.PatientId == loop.PatientId)));
        Assert.Equal((2, "harbour", false, patientUser), (latest.Preferences.Pressure, latest.Preferences.PauseWord, latest.ConsentToDataUse, latest.RecordedById));
        Assert.Contains("“harbour”", therapistView, StringComparison.Ordinal);
        Assert.Contains("Tell me before touching my shoulders", therapistView, StringComparison.Ordinal);
        Assert.Contains("Stay clothed", therapistView, StringComparison.Ordinal);
    }

    private static string PortalEmail(TreatmentLoop loop) => $"prefs-{loop.PatientId:N}@example.org";

    /// <summary>A referred patient whose therapist took the health history (with research consent), with a portal account.</summary>
    private async Task<(HttpClient Portal, TreatmentLoop Loop)> PatientWithIntakeAsync()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Prefs" + Guid.NewGuid().ToString("N")[..6]);
        var intake = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body(
            """{"answers":{},"medications":[],"preferences":{"pressure":4,"pauseWord":"amber"},"consentToTreatment":true,"consentGivenBy":"patient","consentToDataUse":true}"""));
        Assert.True(intake.IsSuccessStatusCode, await intake.Content.ReadAsStringAsync());
        var portal = await app.PortalAsync(loop.PatientId, PortalEmail(loop), Password);
        return (portal, loop);
    }
}

public sealed class PortalPreferencesSqliteTests(SqliteApp app) : PortalPreferencesTests(app), IClassFixture<SqliteApp>;

public sealed class PortalPreferencesPostgreSqlTests(PostgreSqlApp app) : PortalPreferencesTests(app), IClassFixture<PostgreSqlApp>;
