using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// Appointments as iCalendar (RFC 5545), with Ical.Net. A calendar file leaves Tactus for a phone or a calendar service,
/// so it carries the minimum (issue 13 §2): the time, the kind of visit, the room and a link back, never the patient's
/// name, diagnosis or notes. Times are UTC, which every client shows in its own zone.
/// </summary>
public static class AppointmentCalendar
{
    public sealed record Entry(Appointment Appointment, string TypeName, string? RoomName);

    public static string Build(string name, IEnumerable<Entry> entries, string link)
    {
        var calendar = new Calendar { ProductId = "-//Tactus//Appointments//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var (appointment, typeName, roomName) in entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{appointment.Id}@tactus",
                Summary = typeName,
                Location = roomName,
                Description = $"Open in Tactus: {link}",
                Start = new CalDateTime(appointment.StartsAt.UtcDateTime),
                End = new CalDateTime(appointment.EndsAt.UtcDateTime),
                Status = appointment.Status == AppointmentStatus.Booked || appointment.Status == AppointmentStatus.CheckedIn ? EventStatus.Confirmed : EventStatus.Cancelled,
                DtStamp = new CalDateTime(appointment.CreatedAt.UtcDateTime),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
