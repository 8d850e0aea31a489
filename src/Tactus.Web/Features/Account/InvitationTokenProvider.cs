using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Tactus.Web.Features.Account;

/// <summary>
/// The token in an invitation link (issue 13 §5). Data-protected and bound to the account's security stamp, so it
/// works once: setting the password replaces the stamp and the link with it. It lasts seven days, long enough to
/// reach someone on leave, short enough that a forgotten e-mail does not stay a way in.
/// </summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<TactusUser>> logger)
    : DataProtectorTokenProvider<TactusUser>(protection, options, logger)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "accept-invitation";
}

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenProviderOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(7);
    }
}
