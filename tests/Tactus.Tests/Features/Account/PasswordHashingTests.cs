using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;

namespace Tactus.Tests.Features.Account;

/// <summary>Tactus as configured for production hashing (other fixtures hash cheaply to keep the suite quick).</summary>
public sealed class ProductionHashingApp() : TactusApp(TestStore.Sqlite)
{
    protected override bool ProductionPasswordHashing => true;
}

/// <summary>SR-10: stored passwords are PBKDF2-HMAC-SHA512 with at least 210,000 iterations.</summary>
public sealed class PasswordHashingTests(ProductionHashingApp app) : IClassFixture<ProductionHashingApp>
{
    [Fact]
    public async Task PasswordHashes_UsePbkdf2WithAtLeast210000Iterations()
    {
        var email = $"user-{Guid.NewGuid():N}@riverside.example";
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>();
            var organizationId = (await users.FindByEmailAsync(SignIn.DemoEmail(Roles.Manager)))!.OrganizationId;
            var user = new TactusUser { Email = email, UserName = email, DisplayName = "Test User", OrganizationId = organizationId };
            Assert.True((await users.CreateAsync(user, "amber meadow kettle 45")).Succeeded);
        }

        var hash = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).PasswordHash!));
        var bytes = Convert.FromBase64String(hash);

        // Identity v3 hash layout: 0x01, PRF (2 = HMACSHA512), iteration count, salt length (big-endian).
        var prf = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var iterations = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, prf);
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
    }
}
