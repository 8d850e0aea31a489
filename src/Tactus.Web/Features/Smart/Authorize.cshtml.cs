using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// The SMART authorisation endpoint (App Launch 2.0 §2.0.5): the person signs in to Tactus as usual, sees which app asks
/// for what, chooses the patient when a standalone app asks for one (an EHR launch brings its own), and allows or denies. Every
/// check that can fail is made before the consent screen renders.
/// </summary>
public sealed class AuthorizeModel(
    UserManager<TactusUser> users,
    IUserClaimsPrincipalFactory<TactusUser> sessions,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    SmartApps apps,
    SmartLaunch launches,
    TactusDbContext db,
    AuditLog audit) : PageModel
{
    public string AppName { get; private set; } = "";
    public IReadOnlyList<string> ScopeDescriptions { get; private set; } = [];
    public bool ChoosesPatient { get; private set; }

    /// <summary>The patient an EHR launch opened the app for (shown on the consent screen).</summary>
    public string? LaunchedFor { get; private set; }
    public IReadOnlyList<KeyValuePair<string, StringValues>> RequestParameters { get; private set; } = [];

    [BindProperty]
    public string? PatientMrn { get; set; }

    public string? Problem { get; private set; }

    public Task<IActionResult> OnGetAsync() => HandleAsync(decision: null);

    public Task<IActionResult> OnPostAsync(string? decision) => HandleAsync(decision ?? "");

    private async Task<IActionResult> HandleAsync(string? decision)
    {
        var request = HttpContext.GetOpenIddictServerRequest();
        if (request is null)
        {
            return BadRequest();
        }

        var parameters = (Request.HasFormContentType ? Request.Form.AsEnumerable() : Request.Query.AsEnumerable())
            .Where(p => p.Key is not ("decision" or nameof(PatientMrn) or "__RequestVerificationToken")).ToList();
        if (!(await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded)
        {
            // Sign in first, then come back to this same request.
            return Challenge(new AuthenticationProperties { RedirectUri = Request.PathBase + Request.Path + QueryString.Create(parameters) },
                IdentityConstants.ApplicationScheme);
        }

        var user = await users.GetUserAsync(User);
        var application = await applications.FindByClientIdAsync(request.ClientId!);
        if (user is null || application is null)
        {
            return Refuse(Errors.AccessDenied, "The app or the account is not known.");
        }

        if (await apps.OrganizationOfAsync(application) != user.OrganizationId)
        {
            return Refuse(Errors.AccessDenied, "This app is not registered by your organisation.");
        }

        var scopes = request.GetScopes();
        if (scopes.FirstOrDefault(s => !SmartScopes.IsKnown(s)) is { } unknown)
        {
            return Refuse(Errors.InvalidScope, $"Tactus does not know the scope '{unknown}'.");
        }

        // EHR launch (App Launch 2.0 §2.0.4): the patient is the one the person opened the app from, never a choice here.
        Guid? ehrPatient = null;
        if (scopes.Contains(SmartScopes.Launch) || request.HasParameter("launch"))
        {
            if (!scopes.Contains(SmartScopes.Launch) || request.GetParameter("launch")?.ToString() is not { Length: > 0 } launch)
            {
                return Refuse(Errors.InvalidRequest, "An EHR launch sends its launch parameter and asks for the launch scope.");
            }

            ehrPatient = User.IsInRole(Roles.Patient) ? null : launches.PatientFor(launch, user.Id);
            var launched = ehrPatient is null ? null
                : await db.Patients.AsNoTracking().Where(p => p.Id == ehrPatient && p.MergedIntoId == null).SingleOrDefaultAsync(HttpContext.RequestAborted);
            if (launched is null)
            {
                return Refuse(Errors.AccessDenied, "This launch has expired or was made by someone else: open the app again from the patient's record in Tactus.");
            }

            LaunchedFor = $"{launched.GivenName} {launched.FamilyName} (MRN {launched.Mrn})";
        }

        if (SmartScopes.Clinical(scopes).Any(s => s.Context == ScopeContext.System))
        {
            return Refuse(Errors.InvalidScope, "System scopes are for backend services, not for a person's authorisation.");
        }

        if ((await apps.NotAllowedAsync(application, scopes)) is { Count: > 0 } notAllowed)
        {
            return Refuse(Errors.InvalidScope, $"The app is not registered for: {string.Join(", ", notAllowed)}.");
        }

        // OpenIddict has matched redirect_uri to the app's registration: the consent form may lead there.
        if (Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect))
        {
            Web.SecurityHeadersMiddleware.AllowFormRedirectTo(HttpContext, redirect);
        }

        var isPatient = User.IsInRole(Roles.Patient);
        AppName = await applications.GetDisplayNameAsync(application) ?? request.ClientId!;
        ScopeDescriptions = scopes.Select(SmartScopes.Describe).ToList();
        ChoosesPatient = scopes.Contains(SmartScopes.LaunchPatient) && !isPatient && ehrPatient is null;
        RequestParameters = parameters;

        if (decision is null)
        {
            return Page();
        }

        if (decision != "allow")
        {
            await audit.RecordAsync(AuditActions.AppAuthorized, AuditOutcomes.Denied, "SmartApp", request.ClientId);
            return Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The person did not allow access.",
            }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        Guid? launchPatient = ehrPatient;
        if (launchPatient is null && scopes.Contains(SmartScopes.LaunchPatient))
        {
            if (isPatient)
            {
                launchPatient = user.PatientId;
            }
            else
            {
                // The patient is found through the person's own access: a token can only be launched for a patient they may see.
                var mrn = PatientMrn?.Trim();
                launchPatient = string.IsNullOrEmpty(mrn) ? null
                    : await db.Patients.Where(p => p.Mrn == mrn && p.MergedIntoId == null).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(HttpContext.RequestAborted);
                if (launchPatient is null)
                {
                    Problem = string.IsNullOrEmpty(mrn) ? "Enter the medical record number of the patient to open." : $"No patient you can see has the MRN {mrn}.";
                    return Page();
                }
            }
        }

        var practitionerId = await db.Practitioners.AsNoTracking().Where(p => p.UserId == user.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var principal = await SmartPrincipal.CreateAsync(user, sessions, scopes, launchPatient, practitionerId);
        var authorization = await authorizations.CreateAsync(principal, user.Id.ToString(), (await applications.GetIdAsync(application))!,
            AuthorizationTypes.Permanent, principal.GetScopes());
        principal.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        await audit.RecordAsync(AuditActions.AppAuthorized, AuditOutcomes.Success, "SmartApp", request.ClientId, launchPatient,
            string.Join(' ', scopes));
        return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private ForbidResult Refuse(string error, string description) =>
        Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
