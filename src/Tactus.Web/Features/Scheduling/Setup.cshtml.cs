using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// The calendar's setup, for the programme manager (issue 13 §1): rooms and tables, appointment types with their
/// duration and buffer, each therapist's weekly hours, and time off and closures. Every change is audited (the
/// entities are), and time off over booked visits says which visits need moving.
/// </summary>
public sealed class SetupModel(TactusDbContext db, AccessScope scope, OrganizationClock clock, TimeProvider time) : PageModel, IRedisplayablePage
{
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public IReadOnlyList<AppointmentType> Types { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Therapists { get; private set; } = [];
    public IReadOnlyList<WorkingHours> Hours { get; private set; } = [];
    public IReadOnlyList<ScheduleBlock> Blocks { get; private set; } = [];

    /// <summary>The therapist whose hours are shown and edited.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Therapist { get; set; }

    /// <summary>The forms' inputs, bound as their handlers' parameters so one form's rules never judge another's.</summary>
    public TypeInput NewType { get; private set; } = new();

    public BlockInput NewBlock { get; private set; } = new();

    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRoomAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            throw new DomainRuleException("room-name", "Give the room a name of at most 100 characters.", StatusCodes.Status422UnprocessableEntity);
        }

        if (await db.Rooms.AnyAsync(r => r.Name == name.Trim(), cancellationToken))
        {
            throw new DomainRuleException("room-exists", $"There is already a room called {name.Trim()}.");
        }

        db.Rooms.Add(new Room { OrganizationId = Organization(), Name = name.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        return Done("The room is added.");
    }

    /// <summary>A room taken out of use stays on its booked visits; it is not offered for new ones.</summary>
    public async Task<IActionResult> OnPostRoomActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (room is null)
        {
            return NotFound();
        }

        room.Active = active;
        await db.SaveChangesAsync(cancellationToken);
        return Done(active ? $"{room.Name} is in use again." : $"{room.Name} is no longer offered for new visits.");
    }

    public async Task<IActionResult> OnPostTypeAsync(TypeInput newType, CancellationToken cancellationToken)
    {
        NewType = newType;
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (await db.AppointmentTypes.AnyAsync(t => t.Name == NewType.Name!.Trim(), cancellationToken))
        {
            throw new DomainRuleException("type-exists", $"There is already an appointment type called {NewType.Name!.Trim()}.");
        }

        db.AppointmentTypes.Add(new AppointmentType
        {
            OrganizationId = Organization(), Name = NewType.Name!.Trim(), Minutes = NewType.Minutes, BufferMinutes = NewType.BufferMinutes, Initial = NewType.Initial,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Done("The appointment type is added.");
    }

    /// <summary>
    /// A therapist's week, replaced as a whole: each day's start and end (empty for a day off). Visits already booked
    /// keep their time; hours apply to bookings from now on.
    /// </summary>
    public async Task<IActionResult> OnPostHoursAsync(Guid therapist, Dictionary<DayOfWeek, string?> starts, Dictionary<DayOfWeek, string?> ends, CancellationToken cancellationToken)
    {
        if (!await db.Practitioners.AnyAsync(p => p.UserId == therapist && p.Discipline == Practitioners.Disciplines.MassageTherapist, cancellationToken))
        {
            return NotFound();
        }

        var week = new List<WorkingHours>();
        foreach (var day in Week)
        {
            var (from, until) = (starts.GetValueOrDefault(day), ends.GetValueOrDefault(day));
            if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(until))
            {
                continue;
            }

            if (!TimeOnly.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, out var start) || !TimeOnly.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, out var end)
                || end <= start || start.Minute % SlotRules.GranuleMinutes != 0 || end.Minute % SlotRules.GranuleMinutes != 0)
            {
                throw new DomainRuleException("hours-invalid",
                    $"{day}: give a start and an end on the {SlotRules.GranuleMinutes}-minute marks, the end after the start (or leave both empty for a day off).",
                    StatusCodes.Status422UnprocessableEntity);
            }

            week.Add(new WorkingHours { OrganizationId = Organization(), TherapistId = therapist, Day = day, Starts = start, Ends = end });
        }

        db.WorkingHours.RemoveRange(await db.WorkingHours.Where(h => h.TherapistId == therapist).ToListAsync(cancellationToken));
        db.WorkingHours.AddRange(week);
        await db.SaveChangesAsync(cancellationToken);
        Therapist = therapist;
        return Done("The working hours are saved.");
    }

    public async Task<IActionResult> OnPostBlockAsync(BlockInput newBlock, CancellationToken cancellationToken)
    {
        NewBlock = newBlock;
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var zone = await clock.ZoneAsync(cancellationToken);
        var starts = SlotRules.At(NewBlock.FromDay!.Value, NewBlock.FromTime ?? TimeOnly.MinValue, zone);
        var ends = NewBlock.ToTime is { } toTime ? SlotRules.At(NewBlock.ToDay!.Value, toTime, zone) : SlotRules.At(NewBlock.ToDay!.Value.AddDays(1), TimeOnly.MinValue, zone);
        if (ends <= starts)
        {
            throw new DomainRuleException("block-invalid", "The time off must end after it starts.", StatusCodes.Status422UnprocessableEntity);
        }

        if (NewBlock.TherapistId is { } therapist && !await db.Practitioners.AnyAsync(p => p.UserId == therapist, cancellationToken))
        {
            return NotFound();
        }

        var kind = NewBlock.TherapistId is null ? ScheduleBlockKind.Closure : NewBlock.Kind == ScheduleBlockKind.Closure ? ScheduleBlockKind.Leave : NewBlock.Kind;
        db.ScheduleBlocks.Add(new ScheduleBlock
        {
            OrganizationId = Organization(), TherapistId = NewBlock.TherapistId, Kind = kind, Starts = starts, Ends = ends,
            Note = string.IsNullOrWhiteSpace(NewBlock.Note) ? null : NewBlock.Note.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken);

        // Visits already booked in that time are not moved silently: the manager is told how many to reschedule.
        var affected = await db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked && a.StartsAt < ends && a.BlockedUntil > starts
            && (NewBlock.TherapistId == null || a.TherapistId == NewBlock.TherapistId), cancellationToken);
        return Done(affected == 0 ? "The time off is saved." : $"The time off is saved. {affected} booked visit{(affected == 1 ? " falls" : "s fall")} in it: reschedule or cancel {(affected == 1 ? "it" : "them")} on the calendar.");
    }

    public async Task<IActionResult> OnPostDeleteBlockAsync(Guid id, CancellationToken cancellationToken)
    {
        var block = await db.ScheduleBlocks.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (block is null)
        {
            return NotFound();
        }

        db.ScheduleBlocks.Remove(block);
        await db.SaveChangesAsync(cancellationToken);
        return Done("The time off is removed.");
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    public string TherapistName(Guid? id) => id is null ? "Whole clinic" : Therapists.FirstOrDefault(t => t.Id == id).Name ?? "A former therapist";

    private IActionResult Done(string message)
    {
        TempData["Flash"] = message;
        return RedirectToPage(new { therapist = Therapist });
    }

    private Guid Organization() =>
        scope.OrganizationId ?? throw new DomainRuleException("forbidden", "Sign in as a member of an organisation.", StatusCodes.Status403Forbidden);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        Types = await db.AppointmentTypes.AsNoTracking().OrderBy(t => t.Minutes).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        Therapists = await ScheduleQueries.TherapistsAsync(db, cancellationToken);
        if (Therapist is null || Therapists.All(t => t.Id != Therapist))
        {
            Therapist = Therapists.FirstOrDefault().Id;
        }

        Hours = await db.WorkingHours.AsNoTracking().Where(h => h.TherapistId == Therapist).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        Blocks = await db.ScheduleBlocks.AsNoTracking().Where(b => b.Ends > now).OrderBy(b => b.Starts).Take(100).ToListAsync(cancellationToken);
    }

    public sealed class TypeInput
    {
        [Required(ErrorMessage = "Give the appointment type a name.")]
        [StringLength(100, ErrorMessage = "The name can be at most {1} characters.")]
        public string? Name { get; set; }

        [Range(5, 240, ErrorMessage = "A visit lasts between {1} and {2} minutes.")]
        public int Minutes { get; set; } = 60;

        [Range(0, 60, ErrorMessage = "The buffer after a visit is between {1} and {2} minutes.")]
        public int BufferMinutes { get; set; } = 10;

        public bool Initial { get; set; }
    }

    public sealed class BlockInput : IValidatableObject
    {
        /// <summary>Empty: the whole clinic is closed.</summary>
        public Guid? TherapistId { get; set; }
        public ScheduleBlockKind Kind { get; set; } = ScheduleBlockKind.Leave;

        [Required(ErrorMessage = "Give the first day.")]
        public DateOnly? FromDay { get; set; }

        /// <summary>Empty: from the start of the day.</summary>
        public TimeOnly? FromTime { get; set; }

        [Required(ErrorMessage = "Give the last day.")]
        public DateOnly? ToDay { get; set; }

        /// <summary>Empty: to the end of the last day.</summary>
        public TimeOnly? ToTime { get; set; }

        [StringLength(200, ErrorMessage = "The note can be at most {1} characters.")]
        public string? Note { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (FromDay is { } from && ToDay is { } to && to < from)
            {
                yield return new ValidationResult("The last day cannot be before the first.", [nameof(ToDay)]);
            }
        }
    }
}
