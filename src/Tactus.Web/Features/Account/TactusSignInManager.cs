using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Account;

/// <summary>
/// Every sign-in path (password, external login) ends in SignInOrTwoFactorAsync; this is the one
/// place that refuses a full session to workforce members of an organisation that requires MFA
/// until they have enrolled (SR-09: "Every login path is tried for a bypass").
/// </summary>
public sealed class TactusSignInManager(
    UserManager<TactusUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<TactusUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<TactusUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<TactusUser> confirmation,
    TactusDbContext db)
    : SignInManager<TactusUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A deactivated account cannot sign in, whatever its password (issue 13 §5).</summary>
    public override async Task<bool> CanSignInAsync(TactusUser user) => user.DeactivatedAt is null && await base.CanSignInAsync(user);

    public async Task<bool> MustEnrolMfaAsync(TactusUser user)
    {
        if (user.TwoFactorEnabled)
        {
            return false;
        }

        var roles = await UserManager.GetRolesAsync(user);
        if (!roles.Any(Roles.IsWorkforce))
        {
            return false;
        }

        return await db.Organizations.IgnoreQueryFilters()
            .Where(o => o.Id == user.OrganizationId).Select(o => o.RequireMfaForStaff).SingleAsync();
    }

    protected override async Task<SignInResult> SignInOrTwoFactorAsync(
        TactusUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        if (await MustEnrolMfaAsync(user))
        {
            var identity = new ClaimsIdentity(MfaEnrolment.Scheme);
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
            await Context.SignInAsync(MfaEnrolment.Scheme, new ClaimsPrincipal(identity));
            return MfaEnrolmentRequiredResult.Instance;
        }

        return await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);
    }
}
