using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Practitioners;

/// <summary>
/// The organisation's clinicians and therapists with their licences and certifications, and each licence cycle's
/// continuing education against the state's requirement (issue 13 §5), with hours entered here with their evidence.
/// </summary>
public sealed class IndexModel(TactusDbContext db, AccessScope scope, ContinuingEducationRules ce, TimeProvider time) : PageModel
{
    public sealed record Row(Practitioner Practitioner, string Name, string? Problem, ContinuingEducationRules.Progress? Education,
        IReadOnlyList<ContinuingEducationRecord> Hours);

    public List<Row> Rows { get; private set; } = [];
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    public IReadOnlyDictionary<string, string> Topics => ce.Topics;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var practitioners = await db.Practitioners.AsNoTracking().ToListAsync(cancellationToken);
        var ids = practitioners.Select(p => p.UserId).ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var hours = (await db.ContinuingEducation.AsNoTracking().OrderByDescending(c => c.CompletedOn).ToListAsync(cancellationToken))
            .ToLookup(c => c.PractitionerId);
        Rows = practitioners.Select(p => new Row(p, names.GetValueOrDefault(p.UserId, "Unknown"),
                p.Discipline == Disciplines.MassageTherapist ? CredentialRules.LicenceProblem(p, Today) : null,
                Education(p, hours[p.Id]), [.. hours[p.Id]]))
            .OrderBy(r => r.Name).ToList();
    }

    public async Task<IActionResult> OnPostAsync(Guid practitionerId, Guid licenceId, LicenceStatus status, DateOnly? expiresOn, CancellationToken cancellationToken)
    {
        var practitioner = await db.Practitioners.SingleOrDefaultAsync(p => p.Id == practitionerId, cancellationToken);
        var licence = practitioner?.Licences.SingleOrDefault(l => l.Id == licenceId);
        if (licence is null)
        {
            return NotFound();
        }

        if (expiresOn is null || !Enum.IsDefined(status))
        {
            ModelState.AddModelError(string.Empty, "Give the licence status and its expiry date.");
            await OnGetAsync(cancellationToken);
            return Page();
        }

        licence.Status = status;
        licence.ExpiresOn = expiresOn.Value;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Licence updated.";
        return RedirectToPage();
    }

    /// <summary>Records hours of continuing education; what a board would not accept (no evidence, a future date) is refused.</summary>
    public async Task<IActionResult> OnPostHoursAsync(Guid practitionerId, DateOnly? completedOn, double? hours, string? topic, string? title,
        string? provider, string? evidence, CancellationToken cancellationToken)
    {
        if (!await db.Practitioners.AnyAsync(p => p.Id == practitionerId, cancellationToken))
        {
            return NotFound();
        }

        var problems = new List<string>();
        if (completedOn is null || completedOn > Today)
        {
            problems.Add("Give the date the course was completed (not in the future).");
        }

        if (hours is not { } h || h < 0.25 || h > 40 || h * 4 != Math.Floor(h * 4))
        {
            problems.Add("Give the hours on the certificate, from 0.25 to 40 in quarter hours.");
        }

        if (topic is null || !ce.Topics.ContainsKey(topic))
        {
            problems.Add("Choose the topic the hours count for.");
        }

        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(provider) || string.IsNullOrWhiteSpace(evidence))
        {
            problems.Add("Give the course, its provider and the evidence (certificate number or the provider's record).");
        }

        if (problems.Count > 0)
        {
            problems.ForEach(p => ModelState.AddModelError(string.Empty, p));
            await OnGetAsync(cancellationToken);
            return Page();
        }

        db.ContinuingEducation.Add(new ContinuingEducationRecord
        {
            OrganizationId = scope.OrganizationId!.Value, PractitionerId = practitionerId, CompletedOn = completedOn!.Value, Hours = hours!.Value,
            Topic = topic!, Title = title!.Trim(), Provider = provider!.Trim(), Evidence = evidence!.Trim(), EnteredById = scope.UserId!.Value,
            EnteredAt = time.GetStorageNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"{hours} hours recorded.";
        return RedirectToPage();
    }

    /// <summary>The current cycle of the licence the state's rule applies to, when Tactus knows the state's rule.</summary>
    private ContinuingEducationRules.Progress? Education(Practitioner practitioner, IEnumerable<ContinuingEducationRecord> hours) =>
        practitioner.Licences.Where(l => l.Status == LicenceStatus.Active).OrderByDescending(l => l.ExpiresOn)
            .Select(l => (Licence: l, Requirement: ce.For(l.State, practitioner.Discipline)))
            .FirstOrDefault(l => l.Requirement is not null) is { Requirement: { } requirement } found
            ? ContinuingEducationRules.Evaluate(requirement, found.Licence.ExpiresOn, [.. hours.Select(h => new ContinuingEducationRules.Entry(h.CompletedOn, h.Hours, h.Topic))])
            : null;
}
