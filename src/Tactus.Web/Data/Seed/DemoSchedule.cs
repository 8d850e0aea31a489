using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Web.Data.Seed;

/// <summary>
/// The demo clinic's calendar: two rooms, the usual appointment types, the therapists' weekday hours, and a populated
/// week (this week and the next working days) of visits for the referrals under way, so the calendar is not empty on
/// first start.
/// </summary>
public static class DemoSchedule
{
    public static async Task SeedAsync(TactusDbContext db, Guid organizationId, IReadOnlyList<Guid> therapists, TimeProvider time)
    {
        var rooms = new[] { "Room 1", "Room 2" }.Select(name => new Room { OrganizationId = organizationId, Name = name }).ToList();
        var initial = new AppointmentType { OrganizationId = organizationId, Name = "Initial assessment and treatment", Minutes = 60, BufferMinutes = 15, Initial = true };
        var treatment = new AppointmentType { OrganizationId = organizationId, Name = "Treatment, 60 minutes", Minutes = 60, BufferMinutes = 10 };
        var shortTreatment = new AppointmentType { OrganizationId = organizationId, Name = "Treatment, 30 minutes", Minutes = 30, BufferMinutes = 5 };
        db.Rooms.AddRange(rooms);
        db.AppointmentTypes.AddRange(initial, treatment, shortTreatment);
        foreach (var therapist in therapists)
        {
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.WorkingHours.Add(new WorkingHours { OrganizationId = organizationId, TherapistId = therapist, Day = day, Starts = new TimeOnly(8, 0), Ends = new TimeOnly(17, 0) });
            }
        }

        var zone = OrganizationClock.Find(await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.TimeZone).SingleAsync());
        var now = time.GetStorageNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var referrals = await db.Referrals.Where(r => r.OrganizationId == organizationId && r.AssignedTherapistId != null
                && (r.Status == ReferralStatus.InProgress || r.Status == ReferralStatus.Scheduled))
            .OrderBy(r => r.Id).Take(40).ToListAsync();
        referrals = [.. referrals.DistinctBy(r => r.PatientId).Take(24)]; // a patient is in one place at a time
        var booker = therapists[0];
        var nextFree = new Dictionary<(Guid Therapist, DateOnly Day), TimeOnly>();
        var workingDays = Enumerable.Range(1, 14).Select(today.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(5).ToList();
        for (var i = 0; i < referrals.Count; i++)
        {
            var referral = referrals[i];
            var therapist = referral.AssignedTherapistId!.Value;
            var type = referral.Status == ReferralStatus.Scheduled ? initial : i % 3 == 0 ? shortTreatment : treatment;
            // Two visits a week for visits under way, on days three apart; the first visit of a scheduled referral once.
            foreach (var day in (referral.Status == ReferralStatus.Scheduled ? [workingDays[i % 5]] : new[] { workingDays[i % 2], workingDays[i % 2 + 3] }))
            {
                var starts = nextFree.GetValueOrDefault((therapist, day), new TimeOnly(8, 0));
                if (starts.AddMinutes(type.Minutes) > new TimeOnly(17, 0))
                {
                    continue;
                }

                // Each therapist has their own room, so the rooms are as free as the therapists.
                var room = rooms[Math.Max(therapists.ToList().IndexOf(therapist), 0) % rooms.Count];
                var appointment = Appointment.Book(organizationId, referral.PatientId, referral.Id, therapist, room.Id, type,
                    SlotRules.At(day, starts, zone), booker, now);
                nextFree[(therapist, day)] = starts.AddMinutes(type.Minutes + type.BufferMinutes + 5);
                db.Appointments.Add(appointment);
            }
        }

        // The claims as a booking makes them (the key would refuse the seed if it overlapped anything).
        db.AppointmentClaims.AddRange(db.Appointments.Local.SelectMany(BookingClaims.For).ToList());
        await db.SaveChangesAsync();
    }
}
