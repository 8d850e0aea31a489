using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// The outcome of an import, in words and numbers a biller checks against the payer's paper: the payments posted
/// and those already imported earlier (same payer and trace number), which post nothing again.
/// </summary>
public sealed record ImportResult(IReadOnlyList<RemittanceImport> Posted, IReadOnlyList<RemittanceImport> AlreadyImported, int ClaimsPosted, int DeniedLines, decimal Paid)
{
    public bool Duplicate => Posted.Count == 0;

    /// <summary>What the import did, in a sentence for the biller.</summary>
    public string Describe()
    {
        var skipped = AlreadyImported.Count == 0 ? ""
            : $" Already imported (nothing posted again): {string.Join("; ", AlreadyImported.Select(i => $"trace {i.TraceNumber} from {i.PayerName}, {i.ImportedAt:d MMM yyyy}"))}.";
        if (Duplicate)
        {
            return "Nothing was posted." + skipped;
        }

        var payments = Posted.Count == 1 ? $"trace {Posted[0].TraceNumber}" : $"{Posted.Count} payments: traces {string.Join(", ", Posted.Select(i => i.TraceNumber))}";
        return $"Posted {ClaimsPosted} claim{(ClaimsPosted == 1 ? "" : "s")}: {Paid:0.00} paid, {DeniedLines} denied line{(DeniedLines == 1 ? "" : "s")} ({payments})." + skipped;
    }
}

/// <summary>
/// Posts an 835 against submitted claims, each payment (ST/SE) on its own: matched by claim number (CLP01 = CLM01),
/// each service line by its REF*6R control number (or code and date), payments, CARC/RARC adjustments and denials
/// written onto the lines, and the patient's share onto their statement. The whole file commits in one transaction
/// or nothing does. A payment already imported (same payer TRN03 and trace number TRN02) posts nothing again; a
/// payment that would pay a claim more than its charge is refused with the reason, never posted.
/// </summary>
public sealed class RemittanceWorkflow(TactusDbContext db, AccessScope scope, Statements.PatientLedger ledger, TimeProvider time)
{
    public const int MaxFileCharacters = 5_000_000;

    private static readonly ClaimStatus[] Adjudicable =
        [ClaimStatus.Submitted, ClaimStatus.Accepted, ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied, ClaimStatus.Appealed];

    public async Task<ImportResult> ImportAsync(string content, CancellationToken cancellationToken)
    {
        var by = scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in to import a remittance.", 403);
        var organizationId = scope.OrganizationId ?? throw new DomainRuleException("forbidden", "No organisation.", 403);
        if (content.Length is 0 or > MaxFileCharacters)
        {
            throw Refused("The file is empty or larger than 5 MB.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.Trim())));
        IReadOnlyList<Remittance835> payments;
        try
        {
            payments = Remittance835Parser.Parse(content);
        }
        catch (FormatException e)
        {
            throw Refused($"The file was refused and nothing was posted: {e.Message}");
        }

        var traces = payments.Select(p => p.TraceNumber).Distinct().ToList();
        var earlier = await db.RemittanceImports.Where(r => r.Sha256 == hash || traces.Contains(r.TraceNumber)).ToListAsync(cancellationToken);
        var already = payments.Select(p => earlier.FirstOrDefault(r => r.TraceNumber == p.TraceNumber && r.PayerIdentifier == p.PayerIdentifier)).ToList();
        if (earlier.Any(r => r.Sha256 == hash) || already.All(r => r is not null))
        {
            return new ImportResult([], [.. earlier.Where(r => r.Sha256 == hash).Concat(already.OfType<RemittanceImport>()).Distinct()], 0, 0, 0m);
        }

        var fresh = payments.Where((_, i) => already[i] is null).ToList();
        var numbers = fresh.SelectMany(p => p.Claims).Select(c => c.ClaimNumber).Distinct().ToList();
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

        RefuseOverpayment(fresh, claims);
        var now = time.GetStorageNow();
        var posted = new List<RemittanceImport>();
        var deniedLines = 0;
        foreach (var remittance in fresh)
        {
            var denied = 0;
            foreach (var payment in remittance.Claims)
            {
                var claim = claims[payment.ClaimNumber];
                claim.Lines = Post(claim, payment, ref denied);
                claim.Remitted(payment.PayerControlNumber, payment.Paid, payment.PatientResponsibility, payment.Denied, now, payment.Reversal);
                await ledger.ChargeClaimShareAsync(claim, payment.PatientResponsibility, remittance.TraceNumber, now, cancellationToken);
            }

            var import = new RemittanceImport
            {
                OrganizationId = organizationId, Sha256 = hash, TraceNumber = remittance.TraceNumber, PayerIdentifier = remittance.PayerIdentifier,
                PayerName = remittance.PayerName, PaymentAmount = remittance.PaymentAmount, PaymentMethod = remittance.PaymentMethod,
                PaymentDate = remittance.PaymentDate, ImportedAt = now, ImportedById = by,
                ClaimNumbers = [.. remittance.Claims.Select(c => c.ClaimNumber).Distinct()], DeniedLines = denied, Content = content,
            };
            deniedLines += denied;
            db.RemittanceImports.Add(import);
            posted.Add(import);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(posted, [.. already.OfType<RemittanceImport>()], fresh.Sum(p => p.Claims.Count), deniedLines, fresh.Sum(p => p.Claims.Sum(c => c.Paid)));
    }

    /// <summary>
    /// A claim is never paid more than its charge, and an adjudicated, paid claim is not paid again under another trace
    /// unless the payer first reverses its payment (CLP02 22) or the claim is under appeal: a second payment is refused
    /// with the reason so the biller can ask the payer, and nothing in the file is posted.
    /// </summary>
    private static void RefuseOverpayment(IReadOnlyList<Remittance835> payments, Dictionary<string, Claim> claims)
    {
        var incoming = payments.SelectMany(p => p.Claims.Select(c => (Trace: p.TraceNumber, Payment: c))).GroupBy(x => x.Payment.ClaimNumber);
        foreach (var group in incoming)
        {
            var claim = claims[group.Key];
            var paid = claim.Paid;
            var settled = claim.Status is ClaimStatus.Paid or ClaimStatus.PartlyPaid && claim.Paid > 0;
            foreach (var (trace, payment) in group)
            {
                if (payment.Reversal)
                {
                    (paid, settled) = (paid + payment.Paid, false);
                    continue;
                }

                if ((settled && payment.Paid > 0) || paid + payment.Paid > claim.TotalCharge)
                {
                    throw Refused($"The file was refused and nothing was posted: claim {claim.ClaimNumber} was already paid {paid:0.00} of its {claim.TotalCharge:0.00} charge, "
                        + $"and trace {trace} would pay {payment.Paid:0.00} more without reversing the earlier payment. Ask the payer whether this is a duplicate payment.");
                }

                paid += payment.Paid;
                settled = payment.Paid > 0;
            }
        }
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
