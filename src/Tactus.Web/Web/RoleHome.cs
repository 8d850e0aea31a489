using Tactus.Web.Features.Access;

namespace Tactus.Web.Web;

/// <summary>Where each role lands after signing in: the page its work starts from.</summary>
public static class RoleHome
{
    public static string PathFor(string? role) => role switch
    {
        Roles.Therapist or Roles.Clinician or Roles.Manager => "/Patients",
        Roles.Biller => "/Billing",
        Roles.Administrator => "/Admin/Users",
        Roles.Researcher => "/Research",
        Roles.Patient => "/Portal",
        _ => "/Account/AccessDenied",
    };
}
