using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>Drafts a visit's codes when its note is signed or amended; a biller reviews and adjusts them before a claim.</summary>
public sealed class VisitCodingWorkflow(TactusDbContext db, AccessScope scope, BillingReference reference, AuthorizationCheck coverage,
    Statements.PatientLedger ledger, TimeProvider time)
{
    public async Task<VisitCoding> DraftAsync(TreatmentSession session, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.SingleAsync(r => r.Id == session.ReferralId, cancellationToken);
        var visit = await coverage.ForVisitAsync(session.PatientId, session.ReferralId, session.SessionDate, session.Id, cancellationToken);
        var rules = visit.Payer?.CodingRules ?? SelfPay;
        var result = CodingEngine.Code(
            session.Note.Techniques.Select(t => new DocumentedTechnique(t.Technique, t.Region, t.Minutes)).ToList(),
            referral.Diagnoses.OrderBy(d => d.Rank).Select(d => d.Code).ToList(),
            session.SessionDate, rules, reference, await NcciAsync(session.OrganizationId, cancellationToken), await FeesAsync(session.OrganizationId, cancellationToken));
        if (visit.Payer is null)
        {
            result = result with { Warnings = [.. result.Warnings, "The patient has no active coverage on the visit's day: coded as self-pay (AMA units, no modifiers)."] };
        }

        var coding = await db.VisitCodings.SingleOrDefaultAsync(v => v.SessionId == session.Id, cancellationToken);
        if (coding is null)
        {
            coding = new VisitCoding
            {
                OrganizationId = session.OrganizationId, PatientId = session.PatientId, SessionId = session.Id, ReferralId = session.ReferralId,
                TherapistId = session.TherapistId, ServiceDate = session.SessionDate, CreatedAt = time.GetStorageNow(),
            };
            db.VisitCodings.Add(coding);
        }

        if (coding.Status != VisitCodingStatus.Claimed)
        {
            (coding.CoverageId, coding.PayerId, coding.UnitRule) = (visit.Coverage?.Id, visit.Payer?.Id, rules.UnitRule);
        }

        coding.Apply(result, selfPay: visit.Payer is null);
        if (coding.Status == VisitCodingStatus.SelfPay)
        {
            await ledger.ChargeSelfPayAsync(coding, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return coding;
    }

    /// <summary>A biller's change to one line: units, modifiers, pointers; the charge follows the fee schedule.</summary>
    public async Task<VisitCoding?> AdjustAsync(Guid codingId, string code, int units, IReadOnlyList<string> modifiers, IReadOnlyList<int> pointers, string? reason,
        CancellationToken cancellationToken)
    {
        var coding = await db.VisitCodings.SingleOrDefaultAsync(v => v.Id == codingId, cancellationToken);
        if (coding is null)
        {
            return null;
        }

        var line = coding.Lines.FirstOrDefault(l => l.Code == code)
            ?? throw new DomainRuleException("unknown-line", $"This visit has no {code} line.", StatusCodes.Status422UnprocessableEntity);
        var cleanModifiers = modifiers.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).ToList();
        if (units is < 0 or > 24 || cleanModifiers.Count > 4 || cleanModifiers.Any(m => m.Length != 2 || !m.All(char.IsAsciiLetterOrDigit)))
        {
            throw new DomainRuleException("invalid-line", "Units are 0–24 and a line has at most four two-character modifiers.", StatusCodes.Status422UnprocessableEntity);
        }

        if (pointers.Count is 0 or > CodingEngine.MaxPointersPerLine || pointers.Any(p => p < 1 || p > coding.Diagnoses.Count) || pointers.Distinct().Count() != pointers.Count)
        {
            throw new DomainRuleException("invalid-pointers",
                $"Each line points at 1 to {CodingEngine.MaxPointersPerLine} different diagnoses, numbered 1–{coding.Diagnoses.Count} as on the referral.", StatusCodes.Status422UnprocessableEntity);
        }

        var changed = line with { Units = units, Modifiers = cleanModifiers, DiagnosisPointers = [.. pointers], Charge = line.UnitFee * units };
        coding.Adjust(code, changed, reason ?? "", Biller(), time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return coding;
    }

    public async Task<VisitCoding?> ReviewAsync(Guid codingId, CancellationToken cancellationToken)
    {
        var coding = await db.VisitCodings.SingleOrDefaultAsync(v => v.Id == codingId, cancellationToken);
        if (coding is null)
        {
            return null;
        }

        if (!coding.Lines.Any(l => l.Billable))
        {
            throw new DomainRuleException("nothing-billable", "No line of this visit has a billable unit; there is nothing to claim.", StatusCodes.Status422UnprocessableEntity);
        }

        coding.MarkReviewed(Biller(), time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return coding;
    }

    /// <summary>The newest PTP table the organisation loaded, or the reviewed demonstration file.</summary>
    public async Task<NcciEdits> NcciAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var loaded = await db.NcciEditSets.Where(n => n.OrganizationId == organizationId).OrderByDescending(n => n.LoadedAt).Select(n => n.Edits).FirstOrDefaultAsync(cancellationToken);
        return loaded is null ? reference.Ncci : NcciEdits.From(loaded);
    }

    private async Task<Dictionary<string, decimal>> FeesAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await db.FeeSchedule.Where(f => f.OrganizationId == organizationId).ToDictionaryAsync(f => f.Code, f => f.Amount, cancellationToken);

    /// <summary>Without a payer the CPT midpoint rule applies and no payer modifier is added.</summary>
    private static readonly PayerCodingRules SelfPay = new(TimedUnitRule.Ama, []);

    private Guid Biller() => scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in to review codes.", 403);
}
