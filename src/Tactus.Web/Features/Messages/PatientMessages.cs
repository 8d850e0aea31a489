using System.Globalization;

namespace Tactus.Web.Features.Messages;

/// <summary>What a patient is told besides their appointments (PHI minimum: that there is something to do, and the link).</summary>
public static class PatientMessages
{
    public const string QuestionnaireLinkKind = "questionnaire-link";

    /// <summary>
    /// A questionnaire link (issue 13 §2). The link itself is the credential, single-use and expiring; the message names
    /// no questionnaire, so it says nothing of why the patient is being asked.
    /// </summary>
    public static OutboxMessage QuestionnaireLink(Guid organizationId, Guid patientId, string email, string organization, string link, DateTimeOffset expiresAt,
        DateTimeOffset now) => new()
    {
        OrganizationId = organizationId, PatientId = patientId, Kind = QuestionnaireLinkKind, Channel = MessageChannel.Email, Recipient = email,
        Subject = $"Questions from {organization} before your next visit",
        Body = $"{organization} asks you to answer a few short questions. Open this link on your phone or computer: {link}\n\n"
            + $"The link works once and until {Expires(expiresAt)}. Please do not forward it.",
        CreatedAt = now, NextAttemptAt = now,
    };

    public static string Expires(DateTimeOffset expiresAt) => expiresAt.UtcDateTime.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
