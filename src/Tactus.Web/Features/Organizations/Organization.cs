using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Organizations;

/// <summary>A tenant: a hospital, clinic or health system sharing the installation (FHIR Organization).</summary>
public sealed class Organization : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Slug { get; init; }

    /// <summary>When set, every workforce member must enrol an authenticator before any session (SR-09).</summary>
    /// <remarks>On by default (issue 10 §7): an organisation turns it off knowingly, if at all.</remarks>
    public bool RequireMfaForStaff { get; set; } = true;

    /// <summary>The next number handed out as a medical record number; advanced atomically.</summary>
    public long NextMrnNumber { get; set; } = 100001;

    /// <summary>The IANA time zone the organisation's people read times in (stored instants stay UTC).</summary>
    public string TimeZone { get; set; } = "UTC";
}
