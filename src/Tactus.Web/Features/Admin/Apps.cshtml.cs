using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Smart;
using Roles = Tactus.Web.Features.Access.Roles;

namespace Tactus.Web.Features.Admin;

/// <summary>
/// SMART apps the organisation lets its people authorise: where each may send people back to (its redirect URIs),
/// the most it may ask for (scopes), and whether it keeps a secret. A confidential app's secret is shown once.
/// </summary>
public sealed class AppsModel(SmartApps apps, IOpenIddictApplicationManager applications, AccessScope scope, AuditLog audit) : PageModel
{
    public sealed record RegisteredApp(string ClientId, string Name, string Kind, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes);

    public sealed class NewApp
    {
        [Required(ErrorMessage = "Name the app as people will see it on the consent screen.")]
        [StringLength(100, ErrorMessage = "The name can be at most {1} characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Give at least one redirect URI.")]
        [Display(Name = "Redirect URIs")]
        public string? RedirectUris { get; set; }

        [Required(ErrorMessage = "Give the scopes the app may ask for.")]
        [Display(Name = "Scopes it may ask for")]
        public string? Scopes { get; set; } = "openid fhirUser launch/patient offline_access patient/*.rs user/Patient.rs";

        [Display(Name = "Confidential (keeps a secret on a server)")]
        public bool Confidential { get; set; }

        [Display(Name = "Launch URL (to open the app from a patient's record)")]
        [StringLength(2000, ErrorMessage = "The launch URL can be at most {1} characters.")]
        public string? LaunchUri { get; set; }
    }

    public sealed class NewBackend
    {
        [Required(ErrorMessage = "Name the backend service.")]
        [StringLength(100, ErrorMessage = "The name can be at most {1} characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Paste the service's public keys (JWKS).")]
        [Display(Name = "Public keys (JWKS JSON)")]
        public string? Jwks { get; set; }

        [Required(ErrorMessage = "Give the system scopes it may ask for.")]
        [Display(Name = "System scopes it may ask for")]
        public string? Scopes { get; set; } = "system/Patient.rs system/ServiceRequest.crs";

        [Display(Name = "Acts as")]
        public string Role { get; set; } = Roles.Manager;
    }

    [BindProperty]
    public NewApp Input { get; set; } = new();

    [BindProperty]
    public NewBackend Backend { get; set; } = new();

    public IReadOnlyList<RegisteredApp> Apps { get; private set; } = [];

    /// <summary>Shown once, right after registration.</summary>
    public SmartApps.Registered? JustRegistered { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Apps = await ListAsync(ct);

    /// <summary>A backend service (SMART Backend Services): its keys, system scopes and the role its service account holds.</summary>
    public async Task<IActionResult> OnPostBackendAsync(CancellationToken ct)
    {
        ModelState.Clear();
        TryValidateModel(Backend, nameof(Backend));
        var scopes = (Backend.Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        foreach (var wrong in scopes.Where(s => SmartScopes.Parse(s) is not { Context: ScopeContext.System }))
        {
            ModelState.AddModelError($"{nameof(Backend)}.{nameof(NewBackend.Scopes)}", $"'{wrong}' is not a system/ scope.");
        }

        if (!SmartApps.ServiceRoles.Contains(Backend.Role))
        {
            ModelState.AddModelError($"{nameof(Backend)}.{nameof(NewBackend.Role)}", "Choose programme manager or administrator.");
        }

        if (ModelState.IsValid)
        {
            try
            {
                JustRegistered = await apps.RegisterBackendAsync(scope.OrganizationId!.Value,
                    new SmartApps.BackendRegistration(Backend.Name!.Trim(), Backend.Jwks!, scopes, Backend.Role), ct);
                await audit.RecordAsync(AuditActions.AppRegistered, AuditOutcomes.Success, "SmartApp", JustRegistered.ClientId, detail: Backend.Name);
                Backend = new NewBackend();
                ModelState.Clear();
            }
            catch (ArgumentException invalid)
            {
                ModelState.AddModelError($"{nameof(Backend)}.{nameof(NewBackend.Jwks)}", invalid.Message);
            }
#pragma warning disable CA1031 // a JWKS pasted by a person: any parse failure is their input, said back to them
            catch (Exception unreadable) when (unreadable is System.Text.Json.JsonException or FormatException or InvalidOperationException)
#pragma warning restore CA1031
            {
                ModelState.AddModelError($"{nameof(Backend)}.{nameof(NewBackend.Jwks)}", "The keys are not a JSON Web Key Set ({\"keys\":[…]}).");
            }
        }

        Apps = await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        TryValidateModel(Input, nameof(Input));
        var uris = (Input.RedirectUris ?? "").Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var uri in uris.Where(u => !Uri.TryCreate(u, UriKind.Absolute, out var parsed) || !IsAllowedRedirect(parsed)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(NewApp.RedirectUris)}",
                $"'{uri}' is not an https address (plain http is allowed for localhost only), or it carries a fragment.");
        }

        Uri? launchUri = null;
        if (!string.IsNullOrWhiteSpace(Input.LaunchUri) && (!Uri.TryCreate(Input.LaunchUri.Trim(), UriKind.Absolute, out launchUri) || !IsAllowedRedirect(launchUri)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(NewApp.LaunchUri)}", "The launch URL is an https address (plain http for localhost only), without a fragment.");
        }

        var scopes = (Input.Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in scopes.Where(s => !SmartScopes.IsKnown(s)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(NewApp.Scopes)}", $"'{unknown}' is not a SMART scope Tactus grants.");
        }

        if (!ModelState.IsValid)
        {
            Apps = await ListAsync(ct);
            return Page();
        }

        JustRegistered = await apps.RegisterAsync(scope.OrganizationId!.Value,
            new SmartApps.Registration(Input.Name!.Trim(), uris.Select(u => new Uri(u)).ToList(), scopes, Input.Confidential, launchUri), ct);
        await audit.RecordAsync(AuditActions.AppRegistered, AuditOutcomes.Success, "SmartApp", JustRegistered.ClientId, detail: Input.Name);
        Apps = await ListAsync(ct);
        Input = new NewApp();
        ModelState.Clear();
        return Page();
    }

    /// <summary>RFC 8252 §7.3 / OAuth 2.0 Security BCP: https, or http on the loopback for native and development apps; no fragment.</summary>
    private static bool IsAllowedRedirect(Uri uri) =>
        string.IsNullOrEmpty(uri.Fragment) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private async Task<IReadOnlyList<RegisteredApp>> ListAsync(CancellationToken ct)
    {
        // Registrations are few (a handful per organisation); OpenIddict keeps the organisation in the app's properties.
        var list = new List<RegisteredApp>();
        var all = new List<object>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            all.Add(application);
        }

        foreach (var application in all)
        {
            if (await apps.OrganizationOfAsync(application, ct) != scope.OrganizationId)
            {
                continue;
            }

            var permissions = await applications.GetPermissionsAsync(application, ct);
            list.Add(new RegisteredApp(
                (await applications.GetClientIdAsync(application, ct))!,
                await applications.GetDisplayNameAsync(application, ct) ?? "",
                await apps.ServiceAccountOfAsync(application, ct) is not null ? "Backend service"
                    : await applications.GetClientTypeAsync(application, ct) == OpenIddictConstants.ClientTypes.Confidential ? "Confidential" : "Public",
                (await applications.GetRedirectUrisAsync(application, ct)).ToList(),
                permissions.Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..]).ToList()));
        }

        return list.OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }
}
