namespace Tactus.Web.Features.Access;

public static class TactusClaims
{
    public const string OrganizationId = "tactus:org";
    public const string OrganizationName = "tactus:org_name";
    public const string PatientId = "tactus:patient";
    public const string DisplayName = "tactus:display_name";

    /// <summary>When the user authenticated; kept across cookie renewals for the absolute time-out (SR-11).</summary>
    public const string AuthenticatedAt = "tactus:auth_time";
}
