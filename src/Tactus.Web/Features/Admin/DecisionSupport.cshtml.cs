using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.CdsHooks;

namespace Tactus.Web.Features.Admin;

/// <summary>
/// The EHRs allowed to call Tactus's CDS Hooks services (their JWT issuer and public keys), and what clinicians did
/// with the cards: accepted or overridden, per service, from the EHRs' feedback.
/// </summary>
public sealed class DecisionSupportModel(TactusDbContext db, CdsClients clients, AccessScope scope, AuditLog audit) : PageModel
{
    public sealed class NewClient
    {
        [Required(ErrorMessage = "Name the EHR.")]
        [StringLength(100, ErrorMessage = "The name can be at most {1} characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Give the issuer (iss) the EHR's JWTs carry.")]
        [StringLength(500, ErrorMessage = "The issuer can be at most {1} characters.")]
        [Display(Name = "Issuer (the JWTs' iss)")]
        public string? Issuer { get; set; }

        [Required(ErrorMessage = "Paste the EHR's public keys (JWKS).")]
        [StringLength(20000, ErrorMessage = "The keys can be at most {1} characters.")]
        [Display(Name = "Public keys (JWKS JSON)")]
        public string? Jwks { get; set; }
    }

    public sealed record Registered(string Name, string Issuer, DateTimeOffset Since);

    public sealed record Outcomes(string ServiceId, int Accepted, int Overridden);

    [BindProperty]
    public NewClient Input { get; set; } = new();

    public IReadOnlyList<Registered> Clients { get; private set; } = [];
    public IReadOnlyList<Outcomes> Feedback { get; private set; } = [];
    public string? JustRegistered { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var client = await clients.RegisterAsync(scope.OrganizationId!.Value, new CdsClients.Registration(Input.Name!.Trim(), Input.Issuer!.Trim(), Input.Jwks!), ct);
                await audit.RecordAsync(AuditActions.AppRegistered, AuditOutcomes.Success, "CdsClient", client.Id.ToString(), detail: client.Issuer);
                JustRegistered = client.Name;
                Input = new NewClient();
                ModelState.Clear();
            }
            catch (ArgumentException invalid)
            {
                ModelState.AddModelError(invalid.Message.Contains("issuer", StringComparison.OrdinalIgnoreCase) ? "Input.Issuer" : "Input.Jwks", invalid.Message);
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Clients = await db.CdsClients.AsNoTracking().OrderBy(c => c.Name).Select(c => new Registered(c.Name, c.Issuer, c.CreatedAt)).ToListAsync(ct);
        Feedback = (await db.CdsFeedback.AsNoTracking().GroupBy(f => new { f.ServiceId, f.Outcome })
                .Select(g => new { g.Key.ServiceId, g.Key.Outcome, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(g => g.ServiceId)
            .Select(g => new Outcomes(g.Key, g.Where(x => x.Outcome == "accepted").Sum(x => x.Count), g.Where(x => x.Outcome == "overridden").Sum(x => x.Count)))
            .OrderBy(o => o.ServiceId, StringComparer.Ordinal).ToList();
    }
}
