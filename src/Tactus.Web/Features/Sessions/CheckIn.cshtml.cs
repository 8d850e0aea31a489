using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Sessions;

public sealed class CheckInModel(TactusDbContext db, SessionWorkflow workflow, Measures.DueMeasures dueMeasures, OutcomeMeasures.OrganizationInstruments instruments,
    Coverage.AuthorizationCheck authorizations, TimeProvider time) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid ReferralId { get; set; }

    [BindProperty]
    public int? PainBefore { get; set; }

    [BindProperty]
    public int? StressBefore { get; set; }

    [BindProperty]
    public bool HealthChanged { get; set; }

    [BindProperty]
    public string? HealthChanges { get; set; }

    /// <summary>Only used when the payer's authorisation is missing or used up; recorded with the visit.</summary>
    [BindProperty]
    public string? AuthorizationOverride { get; set; }

    public string PatientName { get; private set; } = "";
    public Measures.DueMeasures.View? Due { get; private set; }
    public Measures.MeasuresSummary? Measures { get; private set; }

    /// <summary>What the payer's authorisation says about today's visit: a problem (override needed) or a warning that it is running out.</summary>
    public Coverage.VisitCoverage? Coverage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (PainBefore is null or < 0 or > 10)
        {
            ModelState.AddModelError(nameof(PainBefore), "Record pain now, from 0 to 10.");
        }

        if (StressBefore is null or < 0 or > 10)
        {
            ModelState.AddModelError(nameof(StressBefore), "Record stress now, from 0 to 10.");
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        var session = await workflow.CheckInAsync(ReferralId, new CheckIn(PainBefore!.Value, StressBefore!.Value, HealthChanged, HealthChanges, AuthorizationOverride), cancellationToken);
        return session is null ? NotFound() : RedirectToPage("/Sessions/Edit", new { id = session.Id });
    }

    public Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ReferralId, cancellationToken);
        if (referral is null)
        {
            return false;
        }

        PatientName = (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == referral.PatientId, cancellationToken)).FullName;
        Due = await dueMeasures.ForVisitAsync(referral.Id, null, cancellationToken);
        Measures = await Features.Measures.MeasuresSummary.BuildAsync(db, instruments, referral.PatientId, canAdminister: false, cancellationToken);
        Coverage = await authorizations.ForVisitAsync(referral.PatientId, referral.Id, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), null, cancellationToken);
        return true;
    }
}
