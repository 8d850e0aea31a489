using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Account;

/// <summary>Adds organisation, patient link, display name and sign-in time to the session's principal.</summary>
public sealed class TactusClaimsFactory(
    UserManager<TactusUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    TactusDbContext db,
    TimeProvider time)
    : UserClaimsPrincipalFactory<TactusUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TactusUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var organizationName = await db.Organizations.IgnoreQueryFilters()
            .Where(o => o.Id == user.OrganizationId).Select(o => o.Name).SingleAsync();
        identity.AddClaim(new Claim(TactusClaims.OrganizationId, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim(TactusClaims.OrganizationName, organizationName));
        identity.AddClaim(new Claim(TactusClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(TactusClaims.AuthenticatedAt,
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (user.PatientId is { } patientId)
        {
            identity.AddClaim(new Claim(TactusClaims.PatientId, patientId.ToString()));
        }

        return identity;
    }
}
