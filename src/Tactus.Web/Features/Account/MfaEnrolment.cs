namespace Tactus.Web.Features.Account;

/// <summary>
/// The short-lived cookie that carries only "this password was right, now enrol an authenticator".
/// It grants nothing else: no page or API accepts it (OpenEMR CVE-2018-15152: half-finished
/// sign-in states must not open patient data).
/// </summary>
public static class MfaEnrolment
{
    public const string Scheme = "Tactus.MfaEnrolment";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
}

/// <summary>The password was right but the organisation requires MFA and none is enrolled yet.</summary>
public sealed class MfaEnrolmentRequiredResult : Microsoft.AspNetCore.Identity.SignInResult
{
    public static readonly MfaEnrolmentRequiredResult Instance = new();
}
