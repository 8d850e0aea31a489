using Microsoft.AspNetCore.Identity;

namespace Tactus.Web.Features.Account;

/// <summary>Key, QR code and confirmation for adding an authenticator app, used at enrolment and from Security.</summary>
public sealed class AuthenticatorSetup(UserManager<TactusUser> users)
{
    public sealed record Display(string SharedKey, string QrCodeDataUri);

    public async Task<Display> PrepareAsync(TactusUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var uri = $"otpauth://totp/Tactus:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Tactus&digits=6&period=30";
        var dataUri = Shared.QrCode.SvgDataUri(uri);
        var grouped = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        return new Display(grouped, dataUri);
    }

    /// <summary>Checks the first code from the app, switches MFA on and returns ten single-use recovery codes.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(TactusUser user, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code.Trim()))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return recovery?.ToList() ?? [];
    }
}
