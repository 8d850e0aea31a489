using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Account;

/// <summary>
/// SR-09: an administrator makes MFA mandatory; no workforce session exists before an authenticator is
/// enrolled; codes work once and only within ±1 time step; recovery codes work once.
/// </summary>
public sealed partial class MfaTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Task RequireMfaAsync() => app.WithDbAsync(async db =>
    {
        var organization = await db.Organizations.SingleAsync(o => o.Slug == Tactus.Web.Data.Seed.DemoClinic.Slug);
        organization.RequireMfaForStaff = true;
        return await db.SaveChangesAsync();
    });

    private string CodeNow(byte[] key, int offsetSeconds = 0) =>
        new OtpNet.Totp(key).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(offsetSeconds));

    [Fact]
    public async Task MandatoryMfa_EnrolThenSignInWithCodesAndRecoveryCodes()
    {
        await RequireMfaAsync();
        var therapist = app.CreateBrowserlessClient();

        var login = await therapist.PostLoginAsync(SignIn.DemoEmail(Roles.Therapist), Tactus.Web.Data.Seed.DemoClinic.Password);
        var cookies = string.Join(";", login.Headers.GetValues("Set-Cookie"));
        var beforeEnrolment = await therapist.GetAsync("/Patients");
        var apiBeforeEnrolment = await therapist.GetAsync("/api/patients");

        Assert.StartsWith("/Account/EnrolMfa", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("tactus.session=", cookies, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, beforeEnrolment.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiBeforeEnrolment.StatusCode);

        var enrolPage = await therapist.GetStringAsync("/Account/EnrolMfa");
        var key = OtpNet.Base32Encoding.ToBytes(KeyPattern().Match(enrolPage).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var wrong = await therapist.PostFormAsync("/Account/EnrolMfa", new() { ["Code"] = "000000" });
        var enrolled = await therapist.PostFormAsync("/Account/EnrolMfa", new() { ["Code"] = CodeNow(key) });
        var enrolledHtml = await enrolled.Content.ReadAsStringAsync();
        var recoveryCodes = RecoveryPattern().Matches(enrolledHtml).Select(m => m.Groups[1].Value).ToList();
        var afterEnrolment = await therapist.GetAsync("/Patients");

        Assert.Contains("not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, afterEnrolment.StatusCode);

        // The code used at enrolment cannot be replayed in the same time step.
        var second = app.CreateBrowserlessClient();
        var secondLogin = await second.PostLoginAsync(SignIn.DemoEmail(Roles.Therapist), Tactus.Web.Data.Seed.DemoClinic.Password);
        var replay = await second.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = CodeNow(key) });
        var tooOld = await second.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = CodeNow(key, -90) });
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = await second.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = CodeNow(key) });

        Assert.StartsWith("/Account/LoginWith2fa", secondLogin.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tooOld.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal("/Patients", fresh.Headers.Location!.OriginalString);

        // A recovery code works once.
        var third = app.CreateBrowserlessClient();
        await third.PostLoginAsync(SignIn.DemoEmail(Roles.Therapist), Tactus.Web.Data.Seed.DemoClinic.Password);
        var recovered = await third.PostFormAsync("/Account/LoginWith2fa", new() { ["RecoveryCode"] = recoveryCodes[0] });
        var fourth = app.CreateBrowserlessClient();
        await fourth.PostLoginAsync(SignIn.DemoEmail(Roles.Therapist), Tactus.Web.Data.Seed.DemoClinic.Password);
        var reused = await fourth.PostFormAsync("/Account/LoginWith2fa", new() { ["RecoveryCode"] = recoveryCodes[0] });

        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
    }

    [Fact]
    public async Task MandatoryMfa_DoesNotApplyToPatients()
    {
        await RequireMfaAsync();
        var patient = app.CreateBrowserlessClient();

        var login = await patient.PostLoginAsync(SignIn.DemoEmail(Roles.Patient), Tactus.Web.Data.Seed.DemoClinic.Password);

        Assert.Equal("/Portal", login.Headers.Location!.OriginalString);
    }

    /// <summary>Issue 13 §4: MFA is available to patients: a portal patient turns it on, and their next sign-in asks for the code.</summary>
    [Fact]
    public async Task APatient_CanTurnOnTwoStepSignIn_ForTheirPortal()
    {
        var email = $"mfa-patient-{Guid.NewGuid():N}@example.org";
        const string password = "Copper-kettle-drizzle-19";
        var patientId = await app.WithDbAsync(db => db.Patients.Where(p => db.Organizations.Any(o => o.Id == p.OrganizationId && o.Slug == Tactus.Web.Data.Seed.DemoClinic.Slug)).OrderBy(p => p.Mrn).Select(p => p.Id).Skip(3).FirstAsync());
        var portal = await app.PortalAsync(patientId, email, password);

        var setup = await portal.GetStringAsync("/Account/Security");
        var key = OtpNet.Base32Encoding.ToBytes(KeyPattern().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var enabled = await portal.PostFormAsync("/Account/Security", new() { ["Code"] = CodeNow(key) }, "/Account/Security?handler=Enable");
        var next = await app.CreateBrowserlessClient().PostLoginAsync(email, password);

        Assert.NotEqual(HttpStatusCode.NotFound, enabled.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.StartsWith("/Account/LoginWith2fa", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondFactorPage_WithoutAPasswordFirst_SendsBackToSignIn()
    {
        var client = app.CreateBrowserlessClient();

        var page = await client.GetAsync("/Account/LoginWith2fa");
        var enrol = await client.GetAsync("/Account/EnrolMfa");

        Assert.Equal("/Account/Login", page.Headers.Location!.OriginalString);
        Assert.Equal("/Account/Login", enrol.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryPattern();
}
