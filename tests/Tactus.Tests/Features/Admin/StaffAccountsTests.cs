using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Messages;

namespace Tactus.Tests.Features.Admin;

/// <summary>
/// Staff administration (issue 13 §5): invitations by e-mail that set the password once, role changes and
/// deactivation that end the person's sessions at once, an MFA reset only with a reason, a patient invited to the
/// portal from their record; every change audited, every refusal shown and changing nothing.
/// </summary>
public abstract partial class StaffAccountsTests(MailApp app)
{
    private const string Users = "/Admin/Users";
    private const string Password = "Lantern-orchard-velvet-42";

    [Fact]
    public async Task AnInvitedTherapist_ChoosesAPasswordFromTheEmailedLink_WhichThenStopsWorking()
    {
        var email = $"new-therapist-{Guid.NewGuid():N}@riverside.example";
        var admin = await app.AsAsync(Roles.Administrator);

        var invited = await admin.PostFormAsync(Users, new() { ["InviteName"] = "Noor Haddad", ["InviteEmail"] = email, ["InviteRole"] = Roles.Therapist },
            $"{Users}?handler=Invite");
        var link = await LinkSentToAsync(email);
        var visitor = app.CreateBrowserlessClient();
        var form = await visitor.GetStringAsync(link);
        var mismatch = await visitor.PostFormAsync(link, new() { ["Password"] = Password, ["ConfirmPassword"] = Password + "x" });
        var tooShort = await visitor.PostFormAsync(link, new() { ["Password"] = "short", ["ConfirmPassword"] = "short" });
        var accepted = await visitor.PostFormAsync(link, new() { ["Password"] = Password, ["ConfirmPassword"] = Password });
        var again = await app.CreateBrowserlessClient().GetStringAsync(link);
        var signIn = await app.CreateBrowserlessClient().PostLoginAsync(email, Password);
        var userId = await app.UserIdAsync(email);
        var audit = await AuditOfAsync(userId);

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Contains(email, form, StringComparison.Ordinal);
        Assert.Contains("The two passwords differ.", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/Account/Login", accepted.Headers.Location?.OriginalString);
        Assert.Contains("data-testid=\"invitation-unusable\"", again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/Account/Login", signIn.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal([AuditActions.UserCreated, AuditActions.InvitationAccepted], audit.Where(a => a.Action != AuditActions.SignIn).Select(a => a.Action));
        var kept = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == email));
        Assert.Equal(OutboxWorker.SentCredentialBody, kept.Body); // the link, a credential, is not kept once sent
    }

    [Theory]
    [InlineData("Someone", "not-an-address", Roles.Therapist, "Give a valid e-mail address.")]
    [InlineData("Someone", "therapist@riverside.example", Roles.Therapist, "already exists")]
    [InlineData("Someone", "someone-new@riverside.example", Roles.Patient, "Choose one of the staff roles.")]
    [InlineData("", "someone-new@riverside.example", Roles.Biller, "Give the person&#x27;s name.")]
    public async Task AnInvitationThatCannotBeMade_IsRefusedOnThePage_AndChangesNothing(string name, string email, string role, string error)
    {
        var admin = await app.AsAsync(Roles.Administrator);
        var users = await app.WithDbAsync(db => db.Users.CountAsync());
        var messages = await app.WithDbAsync(db => db.OutboxMessages.CountAsync());

        var response = await admin.PostFormAsync(Users, new() { ["InviteName"] = name, ["InviteEmail"] = email, ["InviteRole"] = role }, $"{Users}?handler=Invite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(users, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(messages, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task DeactivatingAnAccount_EndsItsSessionAtOnce_AndRefusesSignIn_UntilReactivated()
    {
        var (email, userId) = await NewStaffAsync(Roles.Therapist);
        var person = app.CreateBrowserlessClient();
        await person.PostLoginAsync(email, Password);
        var before = await person.GetAsync("/Scheduling");
        var admin = await app.AsAsync(Roles.Administrator);

        var withoutReason = await admin.PostFormAsync(Users, new() { ["Reason"] = " " }, $"{Users}?handler=Deactivate&id={userId}");
        var stillIn = await person.GetAsync("/Scheduling");
        await admin.PostFormAsync(Users, new() { ["Reason"] = "Left the clinic on 30 November" }, $"{Users}?handler=Deactivate&id={userId}");
        var after = await person.GetAsync("/Scheduling"); // no clock moved: at once, not at the next validation
        var signInWhileDeactivated = await app.CreateBrowserlessClient().PostLoginAsync(email, Password);
        var list = await admin.GetStringAsync(Users);
        await admin.PostFormAsync(Users, [], $"{Users}?handler=Reactivate&id={userId}");
        var signInAgain = await app.CreateBrowserlessClient().PostLoginAsync(email, Password);
        var audit = await AuditOfAsync(userId);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("Give the reason for deactivating the account.", await withoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", signInWhileDeactivated.Headers.Location?.OriginalString ?? "/Account/Login", StringComparison.Ordinal);
        Assert.Contains("Deactivated ", list, StringComparison.Ordinal);
        Assert.DoesNotContain("/Account/Login", signInAgain.Headers.Location?.OriginalString ?? "/Account/Login", StringComparison.Ordinal);
        Assert.Contains(audit, a => a.Action == AuditActions.AccountDeactivated && a.Detail == "Left the clinic on 30 November");
        Assert.Contains(audit, a => a.Action == AuditActions.AccountReactivated);
    }

    [Fact]
    public async Task ChangingARole_EndsTheSession_AndTheNewRoleIsWhatTheNextSessionMayDo()
    {
        var (email, userId) = await NewStaffAsync(Roles.Therapist);
        var person = app.CreateBrowserlessClient();
        await person.PostLoginAsync(email, Password);
        var admin = await app.AsAsync(Roles.Administrator);

        var changed = await admin.PostFormAsync(Users, new() { ["Role"] = Roles.Biller }, $"{Users}?handler=Role&id={userId}");
        var oldSession = await person.GetAsync("/Scheduling");
        var again = app.CreateBrowserlessClient();
        await again.PostLoginAsync(email, Password);
        var calendar = await again.GetAsync("/Scheduling");
        var billing = await again.GetAsync("/Billing");
        var audit = await AuditOfAsync(userId);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.StartsWith("/Account/Login", oldSession.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", calendar.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, billing.StatusCode);
        Assert.Contains(audit, a => a.Action == AuditActions.RoleChanged && a.Detail == "therapist -> biller");
    }

    [Fact]
    public async Task ResettingTwoStepSignIn_NeedsAReason_WhichTheAuditKeeps()
    {
        var (_, userId) = await NewStaffAsync(Roles.Clinician);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.TwoFactorEnabled = true;
            return await db.SaveChangesAsync();
        });
        var admin = await app.AsAsync(Roles.Administrator);

        var withoutReason = await admin.PostFormAsync(Users, new() { ["Reason"] = "" }, $"{Users}?handler=ResetMfa&id={userId}");
        var stillOn = await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync());
        await admin.PostFormAsync(Users, new() { ["Reason"] = "Lost phone; identity checked in person with badge" }, $"{Users}?handler=ResetMfa&id={userId}");
        var off = await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync());

        Assert.Contains("Give the reason for resetting two-step sign-in", await withoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(stillOn);
        Assert.False(off);
        Assert.Contains(await AuditOfAsync(userId), a => a.Action == AuditActions.MfaReset && a.Detail == "Lost phone; identity checked in person with badge");
    }

    [Fact]
    public async Task APatientInvitedToThePortalFromTheirRecord_SignsInToTheirOwnRecord()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var email = $"portal-{Guid.NewGuid():N}@example.org";
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body(
            $$"""{"confirmNotDuplicate":true,"givenName":"Perpetua","familyName":"Portal","birthDate":"1959-07-21","sex":"Female","email":"{{email}}"}"""))).ReadAsync<Tactus.Web.Features.Patients.PatientDto>();
        var noEmail = await (await clinician.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Quentin","familyName":"Nomail","birthDate":"1960-01-02","sex":"Male"}"""))).ReadAsync<Tactus.Web.Features.Patients.PatientDto>();
        var manager = await app.AsAsync(Roles.Manager);
        var details = $"/Patients/Details/{patient!.Id}";

        var byTherapist = await (await app.AsAsync(Roles.Therapist)).PostFormAsync("/Patients", [], $"{details}?handler=InvitePortal");
        var refused = await manager.PostFormAsync($"/Patients/Details/{noEmail!.Id}", [], $"/Patients/Details/{noEmail.Id}?handler=InvitePortal");
        var invited = await manager.PostFormAsync(details, [], $"{details}?handler=InvitePortal");
        var link = await LinkSentToAsync(email);
        var visitor = app.CreateBrowserlessClient();
        await visitor.PostFormAsync(link, new() { ["Password"] = Password, ["ConfirmPassword"] = Password });
        var portal = app.CreateBrowserlessClient();
        await portal.PostLoginAsync(email, Password);
        var record = await portal.GetStringAsync("/Portal");
        var afterwards = await manager.GetStringAsync(details);

        Assert.StartsWith("/Account/AccessDenied", byTherapist.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("no valid e-mail address", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Contains("Perpetua", record, StringComparison.Ordinal);
        Assert.DoesNotContain("Invite to the patient portal", afterwards, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.PatientId == patient.Id)));
    }

    private async Task<(string Email, Guid UserId)> NewStaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@riverside.example";
        var admin = await app.AsAsync(Roles.Administrator);
        var invited = await admin.PostFormAsync(Users, new() { ["InviteName"] = "Temp Staff", ["InviteEmail"] = email, ["InviteRole"] = role }, $"{Users}?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var link = await LinkSentToAsync(email);
        var accepted = await app.CreateBrowserlessClient().PostFormAsync(link, new() { ["Password"] = Password, ["ConfirmPassword"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        return (email, await app.UserIdAsync(email));
    }

    private async Task<string> LinkSentToAsync(string email)
    {
        await app.Services.GetRequiredService<OutboxWorker>().SendDueAsync(CancellationToken.None);
        var message = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
        return new Uri(AcceptLink().Match(message.TextBody ?? "").Value).PathAndQuery;
    }

    private Task<List<AuditEntry>> AuditOfAsync(Guid userId) =>
        app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.EntityId == userId.ToString()).OrderBy(a => a.OccurredAt).ToListAsync());

    [GeneratedRegex(@"https?://\S+/Account/Accept\?\S+")]
    private static partial Regex AcceptLink();
}

public sealed class StaffAccountsSqliteTests(SqliteMailApp app) : StaffAccountsTests(app), IClassFixture<SqliteMailApp>;

public sealed class StaffAccountsPostgreSqlTests(PostgreSqlMailApp app) : StaffAccountsTests(app), IClassFixture<PostgreSqlMailApp>;
