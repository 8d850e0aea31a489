using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Patients;

public sealed class DetailsModel(TactusDbContext db, AccessScope scope, AuditLog audit, TimeProvider time) : PageModel
{
    public Patient? Patient { get; private set; }
    public PatientSummary Summary { get; private set; } = null!;
    public bool CanEdit => PatientAccessRules.CanEditPatients(scope.Role);
    public bool CanRefer => scope.Role is Roles.Clinician or Roles.Manager or Roles.Administrator;
    public List<Referrals.Referral> Referrals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Patient = await db.Patients.FindWithDetailsAsync(id, cancellationToken);
        if (Patient is null)
        {
            await audit.RecordAsync(AuditActions.Read, AuditOutcomes.NotFound, nameof(Patients.Patient), id.ToString());
            return NotFound();
        }

        Summary = await PatientSummary.BuildAsync(db, Patient, time, cancellationToken);
        Referrals = await db.Referrals.AsNoTracking().Where(r => r.PatientId == id).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        return Page();
    }
}
