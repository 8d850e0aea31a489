using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Features.Messages;

/// <summary>
/// What the care team is told by e-mail. The message says there is something to act on and links to it; the patient,
/// the answers and the score stay in Tactus (issue 13 §2, PHI minimum): an e-mail can be read over a shoulder or forwarded.
/// </summary>
public static class StaffMessages
{
    public const string SafetyAlert = "safety-alert";

    /// <summary>An urgent safety alert, to each of the care team at once (issue 13 §2; the alert itself: clinical.md §1.2).</summary>
    public static OutboxMessage SafetyAlertRaised(Guid organizationId, Guid patientId, string email, string link, DateTimeOffset now) => new()
    {
        OrganizationId = organizationId, PatientId = patientId, Kind = SafetyAlert, Channel = MessageChannel.Email, Recipient = email,
        Subject = "Urgent: a safety alert needs you in Tactus",
        Body = $"A patient's questionnaire answers raised an urgent safety alert for someone you care for. Open your inbox in Tactus now and act on it: {link}\n\n"
            + "This message does not say who or what, on purpose; the details are in Tactus.",
        CreatedAt = now, NextAttemptAt = now,
    };

    public const string SafetyAlertEscalation = "safety-alert-escalated";

    /// <summary>An urgent alert nobody acknowledged in time, to the programme managers (issue 13 §2).</summary>
    public static OutboxMessage SafetyAlertEscalated(Guid organizationId, Guid patientId, string email, string link, TimeSpan after, DateTimeOffset now) => new()
    {
        OrganizationId = organizationId, PatientId = patientId, Kind = SafetyAlertEscalation, Channel = MessageChannel.Email, Recipient = email,
        Subject = "Urgent: a safety alert has not been acknowledged",
        Body = $"An urgent safety alert raised more than {after.TotalMinutes:0} minutes ago has not been acknowledged by the care team. "
            + $"Please make sure someone acts on it now: {link}\n\nThis message does not say who or what, on purpose; the details are in Tactus.",
        CreatedAt = now, NextAttemptAt = now,
    };

    public const string PlanToCertify = "plan-to-certify";
    public const string ReportReady = "report-ready";

    /// <summary>
    /// Work that waits on one person (a plan to certify, a report to read), e-mailed when it starts waiting; the e-mail
    /// names the kind of work and links to where it is done, nothing about the patient.
    /// </summary>
    public static OutboxMessage WorkWaiting(Guid organizationId, Guid patientId, string kind, string subject, string what, string email, string link, DateTimeOffset now) => new()
    {
        OrganizationId = organizationId, PatientId = patientId, Kind = kind, Channel = MessageChannel.Email, Recipient = email, Subject = subject,
        Body = $"{what} Open Tactus to act on it: {link}\n\nThe details are in Tactus, not in this message.",
        CreatedAt = now, NextAttemptAt = now,
    };

    /// <summary>The e-mail address of a user of the organisation, if they have one.</summary>
    public static Task<string?> EmailOfAsync(Data.TactusDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The e-mail addresses of an organisation's programme managers, and of one more user when given (a practitioner).</summary>
    public static async Task<List<string>> ManagersAsync(Data.TactusDbContext db, Guid organizationId, Guid? alsoUserId, CancellationToken cancellationToken)
    {
        var managerRole = await db.Roles.Where(r => r.Name == Access.Roles.Manager).Select(r => r.Id).SingleAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Email != null
                && (u.Id == alsoUserId || db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == managerRole)))
            .Select(u => u.Email!).Distinct().ToListAsync(cancellationToken);
    }
}
