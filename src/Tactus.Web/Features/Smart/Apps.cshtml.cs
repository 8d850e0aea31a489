using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// The apps a person allowed (SMART "management_endpoint"), patients and staff alike: what each may do and since when,
/// and a Revoke that ends the app's access and refresh tokens at once.
/// </summary>
[Authorize]
public sealed class AppsModel(
    UserManager<TactusUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    AuditLog audit) : PageModel
{
    public sealed record AuthorizedApp(string ClientId, string Name, IReadOnlyList<string> Access, DateTimeOffset? Since);

    public IReadOnlyList<AuthorizedApp> Apps { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var byApp = new Dictionary<string, (string Name, HashSet<string> Scopes, DateTimeOffset? Since)>();
        // Listed first, then read one by one: a connection runs one command at a time (PostgreSQL refuses a second).
        foreach (var authorization in await ToListAsync(authorizations.FindBySubjectAsync(users.GetUserId(User)!, ct), ct))
        {
            if (await authorizations.GetStatusAsync(authorization, ct) != Statuses.Valid
                || await authorizations.GetApplicationIdAsync(authorization, ct) is not { } applicationId
                || await applications.FindByIdAsync(applicationId, ct) is not { } application
                || await applications.GetClientIdAsync(application, ct) is not { } clientId)
            {
                continue;
            }

            var since = await authorizations.GetCreationDateAsync(authorization, ct);
            if (!byApp.TryGetValue(clientId, out var entry))
            {
                entry = (await applications.GetDisplayNameAsync(application, ct) ?? clientId, [], since);
                byApp[clientId] = entry;
            }

            entry.Scopes.UnionWith(await authorizations.GetScopesAsync(authorization, ct));
            byApp[clientId] = entry with { Since = since < entry.Since ? since : entry.Since };
        }

        Apps = byApp.Select(a => new AuthorizedApp(a.Key, a.Value.Name, a.Value.Scopes.Order(StringComparer.Ordinal).Select(SmartScopes.Describe).ToList(), a.Value.Since))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Revokes every authorisation the person gave this app, and every token issued under them.</summary>
    public async Task<IActionResult> OnPostAsync(string clientId, CancellationToken ct)
    {
        var subject = users.GetUserId(User)!;
        var application = await applications.FindByClientIdAsync(clientId, ct);
        var revoked = 0;
        if (application is not null && await applications.GetIdAsync(application, ct) is { } applicationId)
        {
            foreach (var authorization in await ToListAsync(authorizations.FindAsync(subject, applicationId, Statuses.Valid, type: null, scopes: null, ct), ct))
            {
                await authorizations.TryRevokeAsync(authorization, ct);
                await tokens.RevokeByAuthorizationIdAsync((await authorizations.GetIdAsync(authorization, ct))!, ct);
                revoked++;
            }
        }

        await audit.RecordAsync(AuditActions.AppRevoked, revoked > 0 ? AuditOutcomes.Success : AuditOutcomes.NotFound, "SmartApp", clientId);
        Message = revoked > 0 ? "The app's access is revoked: it can no longer read or change anything." : "That app had no access to revoke.";
        return RedirectToPage();
    }

    private static async Task<List<object>> ToListAsync(IAsyncEnumerable<object> items, CancellationToken ct)
    {
        var list = new List<object>();
        await foreach (var item in items.WithCancellation(ct))
        {
            list.Add(item);
        }

        return list;
    }
}
