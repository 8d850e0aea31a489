using Tactus.Web.Features.Messages;

namespace Tactus.Web.Features.Admin;

/// <summary>The invitation e-mails (issue 13 §5): who invites, where to set the password; nothing about any patient's care.</summary>
public static class AccountMessages
{
    public const string StaffInvitation = "staff-invitation";
    public const string PortalInvitation = "portal-invitation";

    public static OutboxMessage Invitation(Guid organizationId, Guid? patientId, string kind, string email, string organizationName, string link, DateTimeOffset now) => new()
    {
        OrganizationId = organizationId, PatientId = patientId, Kind = kind, Channel = MessageChannel.Email, Recipient = email,
        Subject = kind == PortalInvitation ? $"Your patient portal at {organizationName}" : $"You are invited to Tactus at {organizationName}",
        Body = (kind == PortalInvitation
                ? $"{organizationName} invites you to its patient portal, where you can see your appointments, answer questionnaires and follow your progress. "
                : $"{organizationName} invites you to Tactus. ")
            + $"Choose your password here within 7 days: {link}\n\nIf you did not expect this message, ignore it; nothing happens until the link is used.",
        CreatedAt = now, NextAttemptAt = now,
    };
}
