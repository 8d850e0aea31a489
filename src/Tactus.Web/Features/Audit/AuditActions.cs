namespace Tactus.Web.Features.Audit;

public static class AuditActions
{
    public const string Read = "read";
    public const string Search = "search";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string MfaEnrolled = "mfa-enrolled";
    public const string MfaReset = "mfa-reset";
    public const string AccountUnlocked = "account-unlocked";
    public const string UserCreated = "user-created";
    public const string InvitationAccepted = "invitation-accepted";
    public const string RoleChanged = "role-changed";
    public const string AccountDeactivated = "account-deactivated";
    public const string AccountReactivated = "account-reactivated";
    public const string AuditVerified = "audit-verified";
    public const string AppAuthorized = "app-authorized";
    public const string AppRevoked = "app-revoked";
    public const string AppRegistered = "app-registered";
    public const string AppLaunched = "app-launched";
    public const string ExportRequested = "export-requested";
    public const string ExportDownloaded = "export-downloaded";
    public const string ExportCancelled = "export-cancelled";
    public const string ResearchExportStarted = "research-export-started";
    public const string ResearchExportCompleted = "research-export-completed";
    public const string ResearchProtocolRecorded = "research-protocol-recorded";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
    public const string NotFound = "not-found";
    public const string LockedOut = "locked-out";
}
