using System.Security.Cryptography;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// The SMART apps an organisation registered: who may ask its people for access, where the answer may be sent, and
/// which scopes it may ask for at most. An app belongs to one organisation; another organisation's people cannot
/// authorise it.
/// </summary>
public sealed class SmartApps(IOpenIddictApplicationManager applications)
{
    public const string OrganizationProperty = "tactus_org";

    /// <param name="Confidential">The app keeps a secret on a server; a public app (in a browser or on a phone) cannot.</param>
    public sealed record Registration(string Name, IReadOnlyList<Uri> RedirectUris, IReadOnlyList<string> AllowedScopes, bool Confidential);

    /// <summary>The new app's client id, and for a confidential app the secret, shown once.</summary>
    public sealed record Registered(string ClientId, string? ClientSecret);

    public async Task<Registered> RegisterAsync(Guid organizationId, Registration registration, CancellationToken ct = default)
    {
        var unknown = registration.AllowedScopes.Where(s => !SmartScopes.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown scopes: {string.Join(", ", unknown)}.", nameof(registration));
        }

        var clientId = "tactus-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = registration.Confidential ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = registration.Confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = registration.Name,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                Permissions.Endpoints.Introspection, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            Properties = { [OrganizationProperty] = JsonSerializer.SerializeToElement(organizationId.ToString()) },
        };
        foreach (var uri in registration.RedirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var scope in registration.AllowedScopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, ct);
        return new Registered(clientId, secret);
    }

    /// <summary>The organisation that registered an app (null for an app Tactus does not know as an organisation's).</summary>
    public async Task<Guid?> OrganizationOfAsync(object application, CancellationToken ct = default)
    {
        var properties = await applications.GetPropertiesAsync(application, ct);
        return properties.TryGetValue(OrganizationProperty, out var value) && value.ValueKind == JsonValueKind.String
            && Guid.TryParse(value.GetString(), out var id) ? id : null;
    }

    /// <summary>
    /// Scopes the app asked for that its registration does not allow. A clinical scope is allowed when an allowed scope of
    /// the same context covers its type and every permission (allowing <c>user/*.cruds</c> allows <c>user/Patient.rs</c>).
    /// </summary>
    public async Task<IReadOnlyList<string>> NotAllowedAsync(object application, IEnumerable<string> requested, CancellationToken ct = default)
    {
        var permissions = await applications.GetPermissionsAsync(application, ct);
        var allowed = permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();
        var allowedClinical = SmartScopes.Clinical(allowed);
        return requested.Where(scope => SmartScopes.Parse(scope) is { } clinical
                ? !allowedClinical.Any(a => a.Context == clinical.Context && (a.ResourceType == "*" || a.ResourceType == clinical.ResourceType)
                    && (a.Permissions & clinical.Permissions) == clinical.Permissions)
                : !allowed.Contains(scope, StringComparer.Ordinal))
            .ToList();
    }
}
