using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// The SMART apps an organisation registered: who may ask its people for access, where the answer may be sent, and
/// which scopes it may ask for at most. An app belongs to one organisation; another organisation's people cannot
/// authorise it.
/// </summary>
public sealed class SmartApps(IOpenIddictApplicationManager applications, UserManager<TactusUser> users)
{
    public const string OrganizationProperty = "tactus_org";

    /// <summary>The service account a backend app acts as (its organisation, role and audit name).</summary>
    public const string ServiceAccountProperty = "tactus_service_account";

    /// <summary>Roles a backend service may act as: organisation-wide, as an integration engine or an export needs.</summary>
    public static readonly IReadOnlyList<string> ServiceRoles = [Roles.Manager, Roles.Administrator];

    /// <param name="JsonWebKeySet">The app's public keys (JWKS JSON), with which it signs its client assertions (private_key_jwt).</param>
    /// <param name="Role">The role its service account holds: the most a token can see, before its system scopes narrow it.</param>
    public sealed record BackendRegistration(string Name, string JsonWebKeySet, IReadOnlyList<string> AllowedScopes, string Role);

    /// <summary>
    /// A backend service (SMART Backend Services: client credentials, private_key_jwt). It acts through a service account of
    /// the organisation with the role chosen, so every query it makes is scoped and audited as a person's would be; the
    /// account has no password and cannot sign in to the pages.
    /// </summary>
    public async Task<Registered> RegisterBackendAsync(Guid organizationId, BackendRegistration registration, CancellationToken ct = default)
    {
        if (registration.AllowedScopes.FirstOrDefault(s => SmartScopes.Parse(s) is not { Context: ScopeContext.System }) is { } notSystem)
        {
            throw new ArgumentException($"A backend service takes system/ scopes only ('{notSystem}' is not one).", nameof(registration));
        }

        if (!ServiceRoles.Contains(registration.Role))
        {
            throw new ArgumentException($"A backend service acts as {string.Join(" or ", ServiceRoles)}.", nameof(registration));
        }

        var keys = PublicKeys(registration.JsonWebKeySet, nameof(registration));
        var clientId = "tactus-svc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var account = await CreateServiceAccountAsync(organizationId, clientId, $"{registration.Name} (backend app)", registration.Role);

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = registration.Name,
            JsonWebKeySet = keys,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            Properties =
            {
                [OrganizationProperty] = JsonSerializer.SerializeToElement(organizationId.ToString()),
                [ServiceAccountProperty] = JsonSerializer.SerializeToElement(account.Id.ToString()),
            },
        };
        foreach (var scope in registration.AllowedScopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, ct);
        return new Registered(clientId, null);
    }

    /// <summary>The service account of a backend app, or null for an app that is not one.</summary>
    public async Task<TactusUser?> ServiceAccountOfAsync(object application, CancellationToken ct = default)
    {
        var properties = await applications.GetPropertiesAsync(application, ct);
        return properties.TryGetValue(ServiceAccountProperty, out var value) && value.ValueKind == JsonValueKind.String
            ? await users.FindByIdAsync(value.GetString()!) : null;
    }

    /// <summary>
    /// A JWKS of public keys. Any private member (RFC 7518 §6.2.2, §6.3.2; "k" of a symmetric key) means the secret left
    /// its owner: refused.
    /// </summary>
    public static Microsoft.IdentityModel.Tokens.JsonWebKeySet PublicKeys(string json, string parameter)
    {
        Microsoft.IdentityModel.Tokens.JsonWebKeySet keys;
        try
        {
            keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(json);
        }
        catch (Exception unreadable) when (unreadable is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException("The public keys are not a JWKS (JSON with a \"keys\" array).", parameter);
        }

        if (keys.Keys.Count == 0 || keys.Keys.Any(k => new[] { k.D, k.P, k.Q, k.DP, k.DQ, k.QI, k.K }.Any(part => part is not null)))
        {
            throw new ArgumentException("Give the app's public keys (a JWKS with at least one key and no private parts).", parameter);
        }

        return keys;
    }

    /// <summary>
    /// The account an app acts as: of one organisation, with one role, so every query it makes is scoped and audited as a
    /// person's would be. It has no password and cannot sign in to the pages.
    /// </summary>
    public async Task<TactusUser> CreateServiceAccountAsync(Guid organizationId, string handle, string displayName, string role)
    {
        var account = new TactusUser
        {
            OrganizationId = organizationId,
            UserName = $"{handle}@apps.tactus.invalid",
            Email = $"{handle}@apps.tactus.invalid",
            EmailConfirmed = true,
            DisplayName = displayName,
        };
        Check(await users.CreateAsync(account));
        Check(await users.AddToRoleAsync(account, role));
        return account;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <param name="Confidential">The app keeps a secret on a server; a public app (in a browser or on a phone) cannot.</param>
    /// <param name="LaunchUri">Where Tactus opens the app from a patient's record (SMART EHR launch); none for a standalone-only app.</param>
    public sealed record Registration(string Name, IReadOnlyList<Uri> RedirectUris, IReadOnlyList<string> AllowedScopes, bool Confidential, Uri? LaunchUri = null);

    /// <summary>The app's launch URL (EHR launch), kept in its properties.</summary>
    public const string LaunchUriProperty = "tactus_launch_uri";

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

        if (registration.LaunchUri is { } launch)
        {
            descriptor.Properties[LaunchUriProperty] = JsonSerializer.SerializeToElement(launch.AbsoluteUri);
        }

        foreach (var scope in registration.AllowedScopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, ct);
        return new Registered(clientId, secret);
    }

    /// <summary>Where Tactus opens the app for an EHR launch, or null when the app is not launched from Tactus.</summary>
    public async Task<Uri?> LaunchUriOfAsync(object application, CancellationToken ct = default)
    {
        var properties = await applications.GetPropertiesAsync(application, ct);
        return properties.TryGetValue(LaunchUriProperty, out var value) && value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) ? uri : null;
    }

    public sealed record Launchable(string ClientId, string Name);

    /// <summary>The organisation's apps that can be opened from a patient's record (a handful per organisation).</summary>
    public async Task<IReadOnlyList<Launchable>> LaunchableAsync(Guid organizationId, CancellationToken ct = default)
    {
        var all = new List<object>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            all.Add(application);
        }

        var launchable = new List<Launchable>();
        foreach (var application in all)
        {
            if (await OrganizationOfAsync(application, ct) == organizationId && await LaunchUriOfAsync(application, ct) is not null)
            {
                launchable.Add(new Launchable((await applications.GetClientIdAsync(application, ct))!, await applications.GetDisplayNameAsync(application, ct) ?? ""));
            }
        }

        return launchable.OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
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
