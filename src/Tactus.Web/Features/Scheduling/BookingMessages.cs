using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Organizations;

namespace Tactus.Web.Features.Scheduling;

/// <summary>What the patient is sent about their bookings, queued in the outbox inside the booking's own transaction.</summary>
public sealed class BookingMessages(TactusDbContext db, OrganizationName organizationName, OrganizationClock clock, Messages.ITextSender texts,
    Messages.MessageTemplates templates, IConfiguration configuration)
{
    /// <summary>
    /// The patient's confirmation (a new booking) and reminders (a new or moved one; a moved visit's earlier reminders
    /// are withdrawn), written with the booking: both commit, or neither (issue 13 §2, the outbox).
    /// </summary>
    public async Task QueueAsync(Guid patientId, IReadOnlyList<Appointment> appointments, bool added, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!added)
        {
            await WithdrawRemindersAsync(appointments.Select(a => a.Id).ToList(), now, cancellationToken);
        }

        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId, cancellationToken);
        var hours = (configuration["Messages:ReminderHours"] ?? "48,2").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => int.TryParse(h, out var value) ? value : 0).Where(h => h > 0).ToList();
        var (organization, zone, link) = (await organizationName.CurrentAsync(cancellationToken), await clock.ZoneAsync(cancellationToken), Messages.MessageLinks.To(configuration, "/Portal"));

        // Reminders by text as well, to a number a provider can take, when a text provider is configured.
        if (texts.Configured && Messages.PhoneNumbers.ToE164(patient.Phone) is { } phone)
        {
            db.OutboxMessages.AddRange(appointments.SelectMany(a => Messages.AppointmentMessages.TextRemindersFor(a, hours, phone, organization, zone, link, now)));
        }

        if (patient is not { Email: { Length: > 0 } email })
        {
            return;
        }

        // In the organisation's own wording where it has one (Admin → Messages), with the same few facts filled in.
        Dictionary<string, string> Values(Appointment a) => new()
        {
            ["organization"] = organization, ["when"] = Messages.AppointmentMessages.When(a.StartsAt, zone), ["link"] = link,
        };

        if (added)
        {
            db.OutboxMessages.Add(await templates.ApplyAsync(Messages.AppointmentMessages.BookedFor(appointments, email, organization, zone, link, now),
                Values(appointments.OrderBy(a => a.StartsAt).First()), cancellationToken));
        }

        foreach (var appointment in appointments)
        {
            foreach (var reminder in Messages.AppointmentMessages.RemindersFor(appointment, hours, email, organization, zone, link, now))
            {
                db.OutboxMessages.Add(await templates.ApplyAsync(reminder, Values(appointment), cancellationToken));
            }
        }
    }

    public async Task WithdrawRemindersAsync(IReadOnlyList<Guid> appointmentIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var reminder in await db.OutboxMessages.Where(m => m.RegardingId != null && appointmentIds.Contains(m.RegardingId.Value)
                     && m.SentAt == null && m.CancelledAt == null).ToListAsync(cancellationToken))
        {
            reminder.CancelledAt = now;
        }
    }
}
