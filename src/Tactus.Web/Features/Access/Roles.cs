using Tactus.Web.Web;

namespace Tactus.Web.Features.Access;

/// <summary>The roles of the product brief (PRODUCT.md, "Who uses it").</summary>
[PureEngine]
public static class Roles
{
    public const string Therapist = "therapist";
    public const string Clinician = "clinician";
    public const string Manager = "manager";
    public const string Biller = "biller";
    public const string Researcher = "researcher";
    public const string Patient = "patient";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All =
        [Therapist, Clinician, Manager, Biller, Researcher, Patient, Administrator];

    /// <summary>Workforce roles: everyone but patients. MFA can be made mandatory for them (SR-09).</summary>
    public static bool IsWorkforce(string role) => role != Patient && All.Contains(role);

    public static string DisplayName(string role) => role switch
    {
        Therapist => "Massage therapist",
        Clinician => "Referring clinician",
        Manager => "Programme manager",
        Biller => "Biller",
        Researcher => "Researcher",
        Patient => "Patient",
        Administrator => "Administrator",
        _ => role,
    };
}
