using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Statements;

/// <summary>
/// What patients owe and pay: their share of adjudicated claims, self-pay visits, and payments received. The
/// callers save, so a charge commits with the remittance or coding that caused it.
/// </summary>
public sealed class PatientLedger(TactusDbContext db, AccessScope scope, TimeProvider time)
{
    public sealed class PaymentInput
    {
        [Required(ErrorMessage = "Give the amount received.")]
        [Range(typeof(decimal), "0.01", "100000", ErrorMessage = "The amount is between 0.01 and 100,000.")]
        public decimal? Amount { get; set; }

        [Required(ErrorMessage = "Give the day the payment was received.")]
        public DateOnly? ReceivedOn { get; set; }

        [Required(ErrorMessage = "Choose how the patient paid.")]
        public string? Method { get; set; }

        [StringLength(100)]
        public string? Reference { get; set; }
    }

    /// <summary>
    /// The patient's share of a claim as the payer set it. While a secondary coverage is still to be billed for a
    /// primary claim, the share waits for it (billing the patient first would ask them for what the secondary may pay).
    /// </summary>
    public async Task ChargeClaimShareAsync(Claim claim, decimal share, string trace, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (share == 0)
        {
            return;
        }

        if (claim.PrimaryClaimId is null && await HasSecondaryAsync(claim, cancellationToken))
        {
            return;
        }

        db.PatientCharges.Add(new PatientCharge
        {
            OrganizationId = claim.OrganizationId, PatientId = claim.PatientId, ServiceDate = claim.FromDate, ClaimId = claim.Id, Amount = share, CreatedAt = now,
            Description = share > 0 ? $"Your share of claim {claim.ClaimNumber} as the payer decided it (trace {trace})"
                : $"Payer reversal on claim {claim.ClaimNumber} (trace {trace})",
        });
        (await AccountAsync(claim.OrganizationId, claim.PatientId, cancellationToken)).Add(share, now);
    }

    /// <summary>A self-pay visit is charged to the patient at the fee schedule; an amended note re-prices it.</summary>
    public async Task ChargeSelfPayAsync(VisitCoding coding, CancellationToken cancellationToken)
    {
        var charge = await db.PatientCharges.SingleOrDefaultAsync(c => c.VisitCodingId == coding.Id, cancellationToken);
        var now = time.GetStorageNow();
        var account = await AccountAsync(coding.OrganizationId, coding.PatientId, cancellationToken);
        if (charge is null)
        {
            db.PatientCharges.Add(new PatientCharge
            {
                OrganizationId = coding.OrganizationId, PatientId = coding.PatientId, ServiceDate = coding.ServiceDate, VisitCodingId = coding.Id,
                Amount = coding.TotalCharge, CreatedAt = now,
                Description = $"Visit on {coding.ServiceDate:yyyy-MM-dd} (self-pay): {string.Join(", ", coding.Lines.Where(l => l.Billable).Select(l => $"{l.Code}×{l.Units}"))}",
            });
            account.Add(coding.TotalCharge, now);
        }
        else
        {
            account.Add(coding.TotalCharge - charge.Amount, now);
            charge.Amount = coding.TotalCharge;
        }
    }

    public async Task<PatientPayment?> RecordPaymentAsync(Guid patientId, PaymentInput input, CancellationToken cancellationToken)
    {
        if (scope.Role is not (Roles.Biller or Roles.Manager or Roles.Administrator) || scope.UserId is not { } userId)
        {
            throw new DomainRuleException("forbidden", "Only billing staff record patient payments.", 403);
        }

        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        if (!PaymentMethods.All.Contains(input.Method ?? ""))
        {
            throw new DomainRuleException("unknown-method", $"Choose how the patient paid: {string.Join(", ", PaymentMethods.All)}.", StatusCodes.Status422UnprocessableEntity);
        }

        var now = time.GetStorageNow();
        if (input.ReceivedOn > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new DomainRuleException("future-payment", "A payment cannot be received in the future.", StatusCodes.Status422UnprocessableEntity);
        }

        var payment = new PatientPayment
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, Amount = input.Amount!.Value, ReceivedOn = input.ReceivedOn!.Value,
            Method = input.Method!, Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(), RecordedById = userId, RecordedAt = now,
        };
        db.PatientPayments.Add(payment);
        (await AccountAsync(patient.OrganizationId, patient.Id, cancellationToken)).Add(-payment.Amount, now);
        await db.SaveChangesAsync(cancellationToken);
        return payment;
    }

    private async Task<PatientAccount> AccountAsync(Guid organizationId, Guid patientId, CancellationToken cancellationToken)
    {
        var account = db.PatientAccounts.Local.FirstOrDefault(a => a.PatientId == patientId)
            ?? await db.PatientAccounts.SingleOrDefaultAsync(a => a.PatientId == patientId, cancellationToken);
        if (account is null)
        {
            account = new PatientAccount { OrganizationId = organizationId, PatientId = patientId };
            db.PatientAccounts.Add(account);
        }

        return account;
    }

    private async Task<bool> HasSecondaryAsync(Claim claim, CancellationToken cancellationToken)
    {
        var coverages = await db.Coverages.AsNoTracking()
            .Where(c => c.PatientId == claim.PatientId && c.Priority == CoveragePriority.Secondary && c.StartsOn <= claim.FromDate).ToListAsync(cancellationToken);
        return coverages.Any(c => c.EndsOn is null || c.EndsOn >= claim.FromDate);
    }
}
