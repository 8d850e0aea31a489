using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Portal;

/// <summary>The patient's own record. The query filter lets a patient see only themself.</summary>
public sealed class IndexModel(TactusDbContext db, AccessScope scope, TimeProvider time) : PageModel
{
    public PatientSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (scope.PatientId is not { } patientId || await db.Patients.FindWithDetailsAsync(patientId, cancellationToken) is not { } patient)
        {
            return NotFound();
        }

        Summary = await PatientSummary.BuildAsync(db, patient, time, cancellationToken);
        return Page();
    }
}
