using Microsoft.AspNetCore.Identity;

namespace Tactus.Web.Features.Account;

/// <summary>A person who signs in: staff of one organisation, or a patient using the portal.</summary>
public sealed class TactusUser : IdentityUser<Guid>
{
    public TactusUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public Guid OrganizationId { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>For the patient role: the patient record this account may see.</summary>
    public Guid? PatientId { get; set; }

    /// <summary>When an administrator deactivated the account: it cannot sign in, and its sessions ended then (issue 13 §5).</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The last TOTP time step accepted, so a code is never accepted twice (SR-09).</summary>
    public long LastTotpTimeStep { get; set; }
}
