using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;

namespace Tactus.Tests.Features.Account;

/// <summary>
/// A locked account answers in the same time as a wrong password or an unknown address (issue 10 §7). Timings are
/// not measured here (tests stay deterministic); the work that dominates a sign-in, one PBKDF2 password verification
/// at 210,000 iterations, is counted instead: each answer must spend exactly one.
/// </summary>
public sealed class SignInTimingTests(SignInTimingTests.CountingApp app) : IClassFixture<SignInTimingTests.CountingApp>
{
    public sealed class CountingHasher(IPasswordHasher<TactusUser> inner) : IPasswordHasher<TactusUser>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(TactusUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(TactusUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>The real hasher, counted: registered as a decorator around Identity's own.</summary>
    public sealed class CountingApp() : TactusApp(TestStore.Sqlite)
    {
        public CountingHasher Hasher => (CountingHasher)Services.GetRequiredService<IPasswordHasher<TactusUser>>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IPasswordHasher<TactusUser>>();
                services.AddSingleton<IPasswordHasher<TactusUser>>(sp => new CountingHasher(
                    new PasswordHasher<TactusUser>(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>())));
            });
        }
    }

    [Fact]
    public async Task UnknownAddress_WrongPassword_AndLockedAccount_EachSpendOnePasswordVerification()
    {
        const string password = "amber meadow kettle 45";
        var email = $"timing-{Guid.NewGuid():N}@riverside.example";
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>();
            var organizationId = (await users.FindByEmailAsync(SignIn.DemoEmail(Roles.Manager)))!.OrganizationId;
            var user = new TactusUser { Email = email, UserName = email, DisplayName = "Timing Test", OrganizationId = organizationId };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Biller);
        }

        var client = app.CreateBrowserlessClient();
        async Task<int> CountAsync(string address, string guess)
        {
            await SignIn.AntiforgeryTokenAsync(client, "/Account/Login");
            var before = app.Hasher.Verifications;
            await client.PostLoginAsync(address, guess);
            return app.Hasher.Verifications - before;
        }

        var unknown = await CountAsync($"nobody-{Guid.NewGuid():N}@riverside.example", "a guess at random");
        var wrong = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await CountAsync(email, "wrong guess " + i));
        }

        var locked = await CountAsync(email, "another wrong guess");

        Assert.Equal(1, unknown);
        Assert.All(wrong, count => Assert.Equal(1, count));
        Assert.Equal(1, locked);
    }
}
