using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Features.Patients;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Coverage;

/// <summary>A patient's insurance and authorisations, with visits used and left counted from the visits themselves.</summary>
public sealed class CoverageModel(TactusDbContext db, CoverageWorkflow workflow) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid PatientId { get; set; }

    public string PatientName { get; private set; } = "";

    public IReadOnlyList<CoverageView> Coverages { get; private set; } = [];

    public IReadOnlyList<AuthorizationView> Authorizations { get; private set; } = [];

    public IReadOnlyList<Payer> Payers { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Reason)> Referrals { get; private set; } = [];

    [BindProperty]
    public Guid PayerId { get; set; }

    [BindProperty]
    public string? MemberId { get; set; }

    [BindProperty]
    public string? GroupNumber { get; set; }

    [BindProperty]
    public CoveragePriority Priority { get; set; }

    [BindProperty]
    public SubscriberRelationship Relationship { get; set; }

    [BindProperty]
    public string? SubscriberGivenName { get; set; }

    [BindProperty]
    public string? SubscriberFamilyName { get; set; }

    [BindProperty]
    public DateOnly? SubscriberBirthDate { get; set; }

    [BindProperty]
    public AdministrativeSex SubscriberSex { get; set; }

    [BindProperty]
    public DateOnly StartsOn { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow);

    [BindProperty]
    public DateOnly? EndsOn { get; set; }

    [BindProperty]
    public Guid CoverageId { get; set; }

    [BindProperty]
    public Guid? ReferralId { get; set; }

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public int VisitsApproved { get; set; } = 8;

    [BindProperty]
    public int? UnitsApproved { get; set; }

    [BindProperty]
    public DateOnly AuthorizationStartsOn { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow);

    [BindProperty]
    public DateOnly AuthorizationEndsOn { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCoverageAsync(CancellationToken cancellationToken)
    {
        var subscriber = Relationship == SubscriberRelationship.Self || SubscriberBirthDate is null
            ? null
            : new Subscriber(SubscriberGivenName ?? "", SubscriberFamilyName ?? "", SubscriberBirthDate.Value, SubscriberSex, null, null, null, null);
        var input = new CoverageInput(PayerId, Priority, Relationship, StartsOn, MemberId, GroupNumber, subscriber, EndsOn);
        foreach (var (field, messages) in CoverageValidation.Check(input))
        {
            ModelState.AddModelError(field, string.Join(" ", messages));
        }

        if (!ModelState.IsValid)
        {
            return await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();
        }

        if (await workflow.AddCoverageAsync(PatientId, input, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Coverage added.";
        return RedirectToPage(new { PatientId });
    }

    public async Task<IActionResult> OnPostAuthorizationAsync(CancellationToken cancellationToken)
    {
        if (await workflow.AddAuthorizationAsync(PatientId, new AuthorizationInput(CoverageId, VisitsApproved, AuthorizationStartsOn, AuthorizationEndsOn,
                ReferralId, Number, UnitsApproved), cancellationToken) is null)
        {
            throw new DomainRuleException("unknown-coverage", "Choose one of this patient's coverages for the authorisation.", StatusCodes.Status422UnprocessableEntity);
        }

        TempData["Flash"] = $"Authorisation {Number} added.";
        return RedirectToPage(new { PatientId });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        if (await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PatientId, cancellationToken) is not { } patient)
        {
            return false;
        }

        PatientName = patient.FullName;
        Payers = await db.Payers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        Coverages = await workflow.CoveragesAsync(PatientId, cancellationToken);
        Authorizations = await workflow.AuthorizationsAsync(PatientId, cancellationToken);
        Referrals = (await db.Referrals.AsNoTracking().Where(r => r.PatientId == PatientId).Select(r => new { r.Id, r.PatientId, r.Reason })
                .ToAuditedListAsync(db, "Referral", r => r.Id, r => r.PatientId, cancellationToken))
            .Select(r => (r.Id, r.Reason.Length > 60 ? r.Reason[..60] + "…" : r.Reason)).ToList();
        return true;
    }
}
