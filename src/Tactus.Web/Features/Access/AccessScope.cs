using System.Security.Claims;

namespace Tactus.Web.Features.Access;

/// <summary>
/// Who is asking, for this request or job: organisation, user, role and patient visibility.
/// Built from the signed-in principal; a background job marks itself as system explicitly.
/// TactusDbContext reads it to filter every organisation-owned and patient query.
/// </summary>
public sealed class AccessScope(IHttpContextAccessor httpContextAccessor)
{
    private bool _resolved;
    private Guid? _organizationId;
    private Guid? _userId;
    private Guid? _patientId;
    private string? _role;
    private string? _userName;
    private bool _isSystem;
    private string? _systemActor;

    public Guid? OrganizationId { get { Resolve(); return _organizationId; } }
    public Guid? UserId { get { Resolve(); return _userId; } }
    public Guid? PatientId { get { Resolve(); return _patientId; } }
    public string? Role { get { Resolve(); return _role; } }
    public string? UserName { get { Resolve(); return _userName; } }
    public bool IsSystem { get { Resolve(); return _isSystem; } }
    public PatientVisibility Visibility => IsSystem ? PatientVisibility.Organization : PatientAccessRules.VisibilityFor(Role);

    /// <summary>The form this principal's data filters take (one EF model per shape).</summary>
    public ScopeShape Shape => IsSystem ? ScopeShape.System : Visibility switch
    {
        PatientVisibility.Organization or PatientVisibility.AggregateOnly => ScopeShape.Organization,
        PatientVisibility.CareTeam => ScopeShape.CareTeam,
        PatientVisibility.Self => ScopeShape.Self,
        _ => ScopeShape.NoPatients,
    };

    private ScopeShape? _frozenShape;

    /// <summary>
    /// Called when the request's database context fixes its model to this shape. From then on the scope may not
    /// become another shape: the context would go on filtering for the old one. Every path that narrows or widens
    /// the scope (the questionnaire link, a system job) does so before it touches the context, and this check makes
    /// a path that does not fail loudly instead of reading with the wrong filters.
    /// </summary>
    public ScopeShape FreezeShape()
    {
        _frozenShape ??= Shape;
        return _frozenShape.Value;
    }

    private void EnsureShapeUnchanged()
    {
        if (_frozenShape is { } frozen && Shape != frozen)
        {
            throw new InvalidOperationException(
                $"This request already read data as '{frozen}' and now acts as '{Shape}'. Change the scope before the first query, or use a new service scope.");
        }
    }
    public string? IpAddress => httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
    public string Actor => _systemActor ?? UserName ?? "anonymous";

    /// <summary>Marks this scope as a system job (seeding, audit writer, generator): no tenant filter.</summary>
    public void UseSystem(string actor)
    {
        _resolved = true;
        _isSystem = true;
        _systemActor = "system:" + actor;
        _organizationId = null;
        _userId = null;
        _patientId = null;
        _role = null;
        EnsureShapeUnchanged();
    }

    /// <summary>Acts for one organisation without a signed-in user (a command run for a tenant).</summary>
    public void UseOrganization(Guid organizationId, string actor, string role)
    {
        _resolved = true;
        _isSystem = false;
        _systemActor = "system:" + actor;
        _organizationId = organizationId;
        _role = role;
        EnsureShapeUnchanged();
    }

    /// <summary>
    /// Acts as one account of an organisation outside its request: a job the account asked for (a bulk export) reads
    /// exactly what that account may see, and the audit names the account.
    /// </summary>
    public void UseAccount(Guid organizationId, Guid userId, string userName, string role)
    {
        _resolved = true;
        _isSystem = false;
        _systemActor = null;
        _organizationId = organizationId;
        _userId = userId;
        _userName = userName;
        _patientId = null;
        _role = role;
        EnsureShapeUnchanged();
    }

    /// <summary>
    /// A patient answering through a questionnaire link: sees exactly one patient record, their own,
    /// in one organisation, and nothing else (the link is the credential).
    /// </summary>
    public void UsePatientLink(Guid organizationId, Guid patientId)
    {
        _resolved = true;
        _isSystem = false;
        _systemActor = "patient-link";
        _organizationId = organizationId;
        _patientId = patientId;
        _userId = null;
        _role = Roles.Patient;
        EnsureShapeUnchanged();
    }

    private void Resolve()
    {
        if (_resolved)
        {
            return;
        }

        var principal = httpContextAccessor.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true || _frozenShape == ScopeShape.NoPatients)
        {
            // Not cached while anonymous: the scope is read before authentication has set the request's principal.
            // A request that began anonymous and has read data as such (signing in, finishing MFA enrolment) stays
            // anonymous to the end, even once it has signed the person in: its context filters for no patients, and
            // the signed-in person's view begins with the next request.
            return;
        }

        _resolved = true;
        _organizationId = ParseGuid(principal.FindFirstValue(TactusClaims.OrganizationId));
        _userId = ParseGuid(principal.FindFirstValue(ClaimTypes.NameIdentifier));
        _patientId = ParseGuid(principal.FindFirstValue(TactusClaims.PatientId));
        _role = principal.FindFirstValue(ClaimTypes.Role);
        _userName = principal.FindFirstValue(ClaimTypes.Name);
        if (_organizationId is null || _userId is null)
        {
            // A principal without an organisation is not trusted with any tenant data.
            _role = null;
        }

        EnsureShapeUnchanged();
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
