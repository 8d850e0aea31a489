using Microsoft.AspNetCore.Identity;

namespace Tactus.Web.Features.Account;

/// <summary>
/// The authenticator-app token provider. Unlike Identity's default it accepts only ±1 time step
/// and never the same code twice (SR-09: "A used code is refused on replay. ±1 time step only").
/// </summary>
public sealed class TotpTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<TactusUser>
{
    public const string ProviderName = "TactusAuthenticator";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TactusUser> manager, TactusUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public Task<string> GenerateAsync(string purpose, UserManager<TactusUser> manager, TactusUser user) =>
        Task.FromResult(string.Empty); // Codes come from the user's app, never from us.

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TactusUser> manager, TactusUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var step = Totp.MatchingTimeStep(Base32.Decode(key), code, time.GetUtcNow());
        if (step is null || step <= user.LastTotpTimeStep)
        {
            return false;
        }

        user.LastTotpTimeStep = step.Value;
        var updated = await manager.UpdateAsync(user);
        return updated.Succeeded;
    }
}
