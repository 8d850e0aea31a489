namespace Tactus.Web.Features.Scheduling;

public static class BookingClaims
{
    /// <summary>
    /// The granules an appointment holds: the therapist's and the room's from its start to the end of its buffer, the
    /// patient's for the visit itself. Sorted, so that two overlapping bookings take the same keys in the same order and
    /// one waits for the other instead of each holding a key the other needs (PostgreSQL would end one as a deadlock).
    /// </summary>
    public static IEnumerable<AppointmentClaim> For(Appointment appointment) =>
        new[] { appointment.TherapistId, appointment.RoomId, appointment.PatientId }.OfType<Guid>().Distinct()
            .SelectMany(resource => SlotRules.Granules(appointment.StartsAt, resource == appointment.PatientId ? appointment.EndsAt : appointment.BlockedUntil)
                .Select(slot => new AppointmentClaim { ResourceId = resource, Slot = slot, AppointmentId = appointment.Id }))
            .OrderBy(c => c.ResourceId).ThenBy(c => c.Slot);
}
