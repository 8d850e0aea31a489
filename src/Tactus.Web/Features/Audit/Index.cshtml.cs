using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Audit;

/// <summary>The administrator's audit report over their own organisation (the tenant filter applies).</summary>
public sealed class IndexModel(TactusDbContext db, IServiceScopeFactory scopes, AuditLog audit, AccessScope currentScope,
    AuditCheckpointKey checkpointKey) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditQuery Query { get; set; } = new();

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool csv, CancellationToken cancellationToken)
    {
        var filtered = Query.Apply(db.AuditEntries, db.Users);
        if (csv)
        {
            return File(await ToCsvAsync(filtered, cancellationToken), "text/csv", "audit-log.csv");
        }

        Total = await filtered.CountAsync(cancellationToken);
        Query.PageNumber = Math.Max(1, Query.PageNumber);
        Entries = await filtered.Skip((Query.PageNumber - 1) * AuditQuery.PageSize).Take(AuditQuery.PageSize).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        // The organisation's own chain, read in a system scope because verification needs every
        // row of it; only the verdict is shown.
        var chain = AuditChainHead.ChainOf(currentScope.OrganizationId);
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("audit-verify");
            Verification = await AuditVerifier.VerifyChainAsync(scope.ServiceProvider.GetRequiredService<TactusDbContext>(),
                checkpointKey, chain, cancellationToken: cancellationToken);
        }

        await audit.RecordAsync(AuditActions.AuditVerified, Verification.IsIntact ? AuditOutcomes.Success : AuditOutcomes.Failure,
            detail: Verification.ToString());
        return await OnGetAsync(csv: false, cancellationToken);
    }

    public string? AriaSort(string key) =>
        (Query.Sort ?? "time") != key ? null : Query.Descending ? "descending" : "ascending";

    public string SortLink(string key) =>
        Link(sort: key, descending: (Query.Sort ?? "time") == key ? !Query.Descending : key == "time");

    public string Link(int? page = null, string? sort = null, bool? descending = null, bool csv = false)
    {
        var values = new Dictionary<string, string?>
        {
            ["from"] = Query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = Query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["actor"] = Query.Actor, ["action"] = Query.Action, ["outcome"] = Query.Outcome,
            ["patientId"] = Query.PatientId?.ToString(),
            ["sort"] = sort ?? Query.Sort,
            ["descending"] = (descending ?? Query.Descending) ? "true" : "false",
            ["pageNumber"] = (page ?? 1).ToString(CultureInfo.InvariantCulture),
        };
        if (csv)
        {
            values["csv"] = "true";
        }

        return "/Audit" + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value))).ToUriComponent();
    }

    private static async Task<byte[]> ToCsvAsync(IQueryable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("sequence,occurred_at_utc,actor,role,action,entity_type,entity_id,patient_id,ip_address,outcome,detail,hash\n");
        await foreach (var e in entries.Take(100_000).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.AppendJoin(',', new[]
            {
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.OccurredAt.ToString("O", CultureInfo.InvariantCulture), e.Actor, e.Role,
                e.Action, e.EntityType, e.EntityId, e.PatientId?.ToString(), e.IpAddress, e.Outcome, e.Detail, e.Hash,
            }.Select(Escape)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Escape(string? value) => Web.Csv.Text(value);
}
