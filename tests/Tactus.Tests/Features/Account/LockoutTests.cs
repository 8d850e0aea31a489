using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Features.Account;

/// <summary>SR-08: five failures lock the account; responses never tell whether an account exists.</summary>
public abstract class LockoutTests(TactusApp app)
{
    private async Task<string> NewUserAsync(string password)
    {
        var email = $"user-{Guid.NewGuid():N}@riverside.example";
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>();
        var organizationId = (await users.FindByEmailAsync(SignIn.DemoEmail(Roles.Manager)))!.OrganizationId;
        var user = new TactusUser { Email = email, UserName = email, DisplayName = "Test User", OrganizationId = organizationId };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Biller);
        return email;
    }

    [Fact]
    public async Task FifthFailure_LocksTheAccount_AndTheRightPasswordIsThenRefused()
    {
        const string password = "amber meadow kettle 42";
        var email = await NewUserAsync(password);
        var client = app.CreateBrowserlessClient();

        var failures = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add(await (await client.PostLoginAsync(email, "wrong guess " + i)).Content.ReadAsStringAsync());
        }

        var sixth = await client.PostLoginAsync(email, password);
        var sixthBody = await sixth.Content.ReadAsStringAsync();
        var audit = (await app.WithDbAsync(db => Task.FromResult(db.AuditEntries.Where(e => e.Actor == email).ToList())));

        // The lock is real (the right password is refused) but it answers as a wrong password does: lockout must not tell
        // an attacker which addresses have accounts (issue 10 §7).
        var unknownError = ErrorText(await (await app.CreateBrowserlessClient().PostLoginAsync($"nobody-{Guid.NewGuid():N}@riverside.example", password)).Content.ReadAsStringAsync());
        Assert.Contains(LoginModel.InvalidCredentials, unknownError, StringComparison.Ordinal);
        Assert.All(failures, body => Assert.Equal(unknownError, ErrorText(body)));
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Equal(unknownError, ErrorText(sixthBody));
        Assert.Equal(4, audit.Count(e => e.Outcome == AuditOutcomes.Failure));
        Assert.Equal(2, audit.Count(e => e.Outcome == AuditOutcomes.LockedOut));
    }

    [Fact]
    public async Task UnknownEmailAndWrongPassword_GiveTheSameAnswer()
    {
        var email = await NewUserAsync("amber meadow kettle 43");
        var client = app.CreateBrowserlessClient();

        var unknown = await client.PostLoginAsync($"nobody-{Guid.NewGuid():N}@riverside.example", "some password here");
        var wrong = await client.PostLoginAsync(email, "some password here");

        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(ErrorText(await unknown.Content.ReadAsStringAsync()), ErrorText(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Administrator_UnlocksALockedAccount()
    {
        const string password = "amber meadow kettle 44";
        var email = await NewUserAsync(password);
        var client = app.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostLoginAsync(email, "wrong guess " + i);
        }

        var userId = await app.UserIdAsync(email);
        var admin = await app.AsAsync(Roles.Administrator);
        await admin.PostFormAsync("/Admin/Users", [], $"/Admin/Users?handler=Unlock&id={userId}");
        var afterUnlock = await client.PostLoginAsync(email, password);

        Assert.Equal(HttpStatusCode.Redirect, afterUnlock.StatusCode);
    }

    private static string ErrorText(string html)
    {
        var start = html.IndexOf("class=\"error-summary\"", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }
}

public sealed class LockoutSqliteTests(SqliteApp app) : LockoutTests(app), IClassFixture<SqliteApp>;

public sealed class LockoutPostgreSqlTests(PostgreSqlApp app) : LockoutTests(app), IClassFixture<PostgreSqlApp>;
