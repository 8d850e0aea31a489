using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Practitioners;

namespace Tactus.Web.Features.Inbox;

/// <summary>
/// Practitioners short of their state's continuing-education hours with the licence cycle ending within 90 days
/// (issue 13 §5: the manager sees who is short before the cycle ends). Only licences expiring in the window are read,
/// with their hours; the requirement is weighed by ContinuingEducationRules.
/// </summary>
internal sealed class ContinuingEducationQueue(TactusDbContext db, ContinuingEducationRules rules, DateOnly today) : IWorkQueue
{
    public const int WindowDays = 90;

    public string Kind => "continuing-education";

    public async Task<int> CountAsync(CancellationToken cancellationToken) => (await ShortAsync(cancellationToken)).Count;

    public async Task<WorkList> LoadAsync(TactusDbContext context, int take, CancellationToken cancellationToken)
    {
        var found = await ShortAsync(cancellationToken);
        var userIds = found.Select(f => f.Practitioner.UserId).ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var items = found.OrderBy(f => f.Progress.CycleEnds).Take(take).Select(f => new WorkItem(
            new WorkRow { Id = f.Practitioner.Id, Day = f.Progress.CycleEnds },
            names.GetValueOrDefault(f.Practitioner.UserId, "Practitioner"),
            $"cycle ends {f.Progress.CycleEnds:yyyy-MM-dd}; short {string.Join("; ", f.Progress.Short.Select(s => $"{s.Hours:0.##} h {s.What}"))}",
            "/Practitioners")).ToList();
        return new WorkList(Kind, "Continuing education short", "Record the hours completed, with their evidence, before the cycle ends.",
            found.Count, items, null);
    }

    private async Task<List<(Practitioner Practitioner, ContinuingEducationRules.Progress Progress)>> ShortAsync(CancellationToken cancellationToken)
    {
        var horizon = today.AddDays(WindowDays);
        var states = rules.Requirements.Select(r => r.State).Distinct().ToList();
        var disciplines = rules.Requirements.Select(r => r.Discipline).Distinct().ToList();
        var practitioners = await db.Practitioners.AsNoTracking()
            .Where(p => disciplines.Contains(p.Discipline)
                && p.Licences.Any(l => l.Status == LicenceStatus.Active && states.Contains(l.State) && l.ExpiresOn >= today && l.ExpiresOn <= horizon))
            .ToListAsync(cancellationToken);
        if (practitioners.Count == 0)
        {
            return [];
        }

        var ids = practitioners.Select(p => p.Id).ToList();
        var hours = (await db.ContinuingEducation.AsNoTracking().Where(c => ids.Contains(c.PractitionerId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.PractitionerId, c => new ContinuingEducationRules.Entry(c.CompletedOn, c.Hours, c.Topic));
        var result = new List<(Practitioner, ContinuingEducationRules.Progress)>();
        foreach (var practitioner in practitioners)
        {
            var licence = practitioner.Licences.Where(l => l.Status == LicenceStatus.Active && l.ExpiresOn >= today && l.ExpiresOn <= horizon)
                .FirstOrDefault(l => rules.For(l.State, practitioner.Discipline) is not null);
            if (licence is not null
                && ContinuingEducationRules.Evaluate(rules.For(licence.State, practitioner.Discipline)!, licence.ExpiresOn, [.. hours[practitioner.Id]]) is { IsShort: true } progress)
            {
                result.Add((practitioner, progress));
            }
        }

        return result;
    }
}
