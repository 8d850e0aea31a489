using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Web;

/// <summary>
/// Is the session's security stamp still the account's? A password, role or MFA change replaces the stamp and
/// so ends every other session within the validation interval (SR-11). Identity's own validator asks the
/// database and re-issues the cookie on every request once the cookie is older than the interval (a client that
/// keeps its first cookie pays that on every call); this one remembers, per account, the stamp it last saw
/// current and when, and asks again only after the interval. It reads through its own system-scoped context so
/// the request's context is not built before the request's principal is known (one model per ScopeShape).
/// </summary>
public sealed class SecurityStampCheck(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SecurityStampValidatorOptions> validator, IOptions<IdentityOptions> identity)
{
    private readonly ConcurrentDictionary<Guid, (string Stamp, DateTimeOffset CheckedAt)> _current = new();

    /// <summary>
    /// The account's stamp was just replaced here (deactivated, role changed, MFA reset): this instance ends the
    /// account's other sessions at their next request, without waiting for the validation interval.
    /// </summary>
    public void Replaced(Guid userId, string newStamp) => _current[userId] = (newStamp, time.GetUtcNow());

    /// <summary>Whether this instance already knows the session's stamp to be replaced; no database read.</summary>
    public bool IsKnownStale(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
        && _current.TryGetValue(userId, out var seen)
        && seen.Stamp != principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) is not { Length: > 0 } stamp)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (_current.TryGetValue(userId, out var seen) && seen.Stamp == stamp && now - seen.CheckedAt < validator.Value.ValidationInterval)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("session-check");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        if (stored != stamp)
        {
            _current.TryRemove(userId, out _);
            return false;
        }

        _current[userId] = (stamp, now);
        return true;
    }
}
