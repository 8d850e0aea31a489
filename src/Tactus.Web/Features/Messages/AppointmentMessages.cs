using System.Globalization;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Web.Features.Messages;

/// <summary>
/// What the patient is told about their appointments. PHI minimum (issue 13 §2): a message says there is something to
/// see and when, and links to it; it never carries a diagnosis, a score, a note or the reason for the referral.
/// </summary>
public static class AppointmentMessages
{
    public const string Booked = "appointment-booked";

    public static OutboxMessage BookedFor(IReadOnlyList<Appointment> appointments, string email, string organization, TimeZoneInfo zone, string link, DateTimeOffset now)
    {
        var first = appointments.OrderBy(a => a.StartsAt).First();
        var when = When(first.StartsAt, zone);
        var body = appointments.Count == 1
            ? $"Your appointment at {organization} is booked for {when}.\n\nTo see it, confirm it or ask for another time, sign in: {link}\n\nPlease do not reply to this message."
            : $"{appointments.Count} appointments at {organization} are booked for you, the first on {when}.\n\nTo see them, confirm them or ask for other times, sign in: {link}\n\nPlease do not reply to this message.";
        return new OutboxMessage
        {
            OrganizationId = first.OrganizationId, PatientId = first.PatientId, Kind = Booked, Channel = MessageChannel.Email, Recipient = email,
            Subject = $"Your appointment at {organization}", Body = body, CreatedAt = now, NextAttemptAt = now,
        };
    }

    public const string Reminder = "appointment-reminder";

    /// <summary>
    /// The reminders a booked visit is due (hours before it, <c>Messages:ReminderHours</c>, 48 and 2 by default), those
    /// still ahead; each waits in the outbox until its moment and is withdrawn if the visit is cancelled or moved.
    /// </summary>
    public static IEnumerable<OutboxMessage> RemindersFor(Appointment appointment, IEnumerable<int> hoursBefore, string email, string organization, TimeZoneInfo zone,
        string link, DateTimeOffset now) =>
        hoursBefore.Where(h => appointment.StartsAt.AddHours(-h) > now).Select(h => new OutboxMessage
        {
            OrganizationId = appointment.OrganizationId, PatientId = appointment.PatientId, RegardingId = appointment.Id, Kind = Reminder,
            Channel = MessageChannel.Email, Recipient = email, Subject = $"Reminder: your appointment at {organization}",
            Body = $"This is a reminder of your appointment at {organization} on {When(appointment.StartsAt, zone)}.\n\n"
                + $"To confirm it, or to cancel in good time, sign in: {link}\n\nPlease do not reply to this message.",
            CreatedAt = now, NextAttemptAt = appointment.StartsAt.AddHours(-h),
        });

    /// <summary>The same reminders as a text message: shorter, the time and the link.</summary>
    public static IEnumerable<OutboxMessage> TextRemindersFor(Appointment appointment, IEnumerable<int> hoursBefore, string phone, string organization, TimeZoneInfo zone,
        string link, DateTimeOffset now) =>
        hoursBefore.Where(h => appointment.StartsAt.AddHours(-h) > now).Select(h => new OutboxMessage
        {
            OrganizationId = appointment.OrganizationId, PatientId = appointment.PatientId, RegardingId = appointment.Id, Kind = Reminder,
            Channel = MessageChannel.Text, Recipient = phone, Subject = "Text reminder",
            Body = $"{organization}: reminder of your appointment on {When(appointment.StartsAt, zone)}. Confirm or cancel: {link}",
            CreatedAt = now, NextAttemptAt = appointment.StartsAt.AddHours(-h),
        });

    /// <summary>"Tuesday 22 December 2026 at 11:30 (America/Los_Angeles)": the organisation's local time, with its zone named.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
}
