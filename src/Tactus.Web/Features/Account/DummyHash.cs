using Microsoft.AspNetCore.Identity;

namespace Tactus.Web.Features.Account;

/// <summary>A real password hash to verify against when the account does not exist, so timing does not tell.</summary>
internal static class DummyHash
{
    private static string? _hash;

    public static string Value(UserManager<TactusUser> users) =>
        _hash ??= users.PasswordHasher.HashPassword(null!, Guid.NewGuid().ToString());
}
