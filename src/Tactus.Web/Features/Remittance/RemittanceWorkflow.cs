using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Remittance;

/// <summary>The outcome of an import, in words and numbers a biller checks against the payer's paper.</summary>
public sealed record ImportResult(RemittanceImport Import, bool Duplicate, int ClaimsPosted, int DeniedLines, decimal Paid);

/// <summary>
/// Posts an 835 against submitted claims: matched by claim number (CLP01 = CLM01), each service line by its
/// REF*6R control number (or code and date), payments, CARC/RARC adjustments and denials written onto the
/// lines. All of it commits in one transaction or nothing does; the same file (by SHA-256 or trace number)
/// posts nothing the second time.
/// </summary>
public sealed class RemittanceWorkflow(TactusDbContext db, AccessScope scope, TimeProvider time)
{
    public const int MaxFileCharacters = 5_000_000;

    private static readonly ClaimStatus[] Adjudicable =
        [ClaimStatus.Submitted, ClaimStatus.Accepted, ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied, ClaimStatus.Appealed];

    public async Task<ImportResult> ImportAsync(string content, CancellationToken cancellationToken)
    {
        var by = scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in to import a remittance.", 403);
        if (content.Length is 0 or > MaxFileCharacters)
        {
            throw Refused("The file is empty or larger than 5 MB.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.Trim())));
        Remittance835 remittance;
        try
        {
            remittance = Remittance835Parser.Parse(content);
        }
        catch (FormatException e)
        {
            throw Refused($"The file was refused and nothing was posted: {e.Message}");
        }

        var earlier = await db.RemittanceImports.FirstOrDefaultAsync(r => r.Sha256 == hash || r.TraceNumber == remittance.TraceNumber, cancellationToken);
        if (earlier is not null)
        {
            return new ImportResult(earlier, true, 0, 0, 0m);
        }

        var numbers = remittance.Claims.Select(c => c.ClaimNumber).Distinct().ToList();
        var claims = await db.Claims.Where(c => numbers.Contains(c.ClaimNumber)).ToDictionaryAsync(c => c.ClaimNumber, cancellationToken);
        var unknown = numbers.Where(n => !claims.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            throw Refused($"The file was refused and nothing was posted: it names claims this organisation did not submit ({string.Join(", ", unknown)}).");
        }

        var notSubmitted = claims.Values.Where(c => !Adjudicable.Contains(c.Status)).Select(c => $"{c.ClaimNumber} ({c.Status})").ToList();
        if (notSubmitted.Count > 0)
        {
            throw Refused($"The file was refused and nothing was posted: these claims were never submitted or are closed: {string.Join(", ", notSubmitted)}.");
        }

        var now = time.GetStorageNow();
        var deniedLines = 0;
        foreach (var payment in remittance.Claims)
        {
            var claim = claims[payment.ClaimNumber];
            claim.Lines = Post(claim, payment, ref deniedLines);
            var patientShare = payment.PatientResponsibility;
            claim.Remitted(payment.PayerControlNumber, payment.Paid, patientShare, payment.Denied, now, payment.Reversal);
        }

        var import = new RemittanceImport
        {
            OrganizationId = scope.OrganizationId ?? throw new DomainRuleException("forbidden", "No organisation.", 403),
            Sha256 = hash, TraceNumber = remittance.TraceNumber, PayerName = remittance.PayerName, PaymentAmount = remittance.PaymentAmount,
            PaymentMethod = remittance.PaymentMethod, PaymentDate = remittance.PaymentDate, ImportedAt = now, ImportedById = by,
            ClaimNumbers = numbers, DeniedLines = deniedLines, Content = content,
        };
        db.RemittanceImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(import, false, remittance.Claims.Count, deniedLines, remittance.Claims.Sum(c => c.Paid));
    }

    private static List<ClaimLine> Post(Claim claim, ClaimPayment payment, ref int deniedLines)
    {
        var lines = claim.Lines.ToList();
        var posted = new HashSet<int>();
        foreach (var service in payment.Services)
        {
            var index = lines.FindIndex(l => service.ControlNumber is not null && l.ControlNumber(claim.ClaimNumber) == service.ControlNumber);
            if (index < 0)
            {
                index = lines.FindIndex(l => !posted.Contains(l.LineNumber) && l.Code == service.Code && (service.ServiceDate is null || l.ServiceDate == service.ServiceDate));
            }

            if (index < 0)
            {
                throw Refused($"The file was refused and nothing was posted: claim {claim.ClaimNumber} has no line {service.Code}"
                    + (service.ServiceDate is { } d ? $" on {d:yyyy-MM-dd}" : "") + ".");
            }

            var line = lines[index];
            var denied = !payment.Reversal && (payment.Denied || (service.Paid == 0 && service.Adjustments.Where(a => a.Group != "PR").Sum(a => a.Amount) > 0
                && service.Adjustments.All(a => a.Group != "PR")));
            deniedLines += denied ? 1 : 0;
            posted.Add(line.LineNumber);
            lines[index] = line with
            {
                Paid = line.Paid + service.Paid,
                Allowed = service.Allowed ?? line.Allowed,
                Adjustments = [.. line.Adjustments, .. service.Adjustments],
                Remarks = [.. line.Remarks, .. service.Remarks],
                Denied = denied,
            };
        }

        // A claim-level denial without service detail denies every line, with the claim's own adjustments.
        if (payment.Services.Count == 0 && payment.Denied)
        {
            lines = [.. lines.Select(l => l with { Denied = true, Adjustments = [.. l.Adjustments, .. payment.Adjustments] })];
            deniedLines += lines.Count;
        }

        return lines;
    }

    private static DomainRuleException Refused(string message) => new("remittance-refused", message, StatusCodes.Status422UnprocessableEntity);
}
