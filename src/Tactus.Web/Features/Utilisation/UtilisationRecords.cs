using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Utilisation;

/// <summary>A patient's health-care use (issue 14 §2), entered by the clinical staff who see the patient, and the organisation's price list.</summary>
public sealed class UtilisationRecords(TactusDbContext db, AccessScope scope, OrganizationClock clock, TimeProvider time)
{
    public const string Entered = "entered";

    public sealed class EventInput
    {
        [Required(ErrorMessage = "Choose the kind of use.")]
        public UtilisationKind? Kind { get; set; }

        [Required(ErrorMessage = "Give the day it happened.")]
        public DateOnly? OccurredOn { get; set; }

        /// <summary>The actual cost when known; empty takes the price list's amount.</summary>
        [Range(typeof(decimal), "0", "10000000", ErrorMessage = "The cost is between 0 and 10,000,000.")]
        public decimal? Cost { get; set; }
    }

    public sealed record PriceInput(UtilisationKind Kind, decimal Amount);

    public async Task<IReadOnlyList<UtilisationEvent>?> ForPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken)
            ? await db.UtilisationEvents.AsNoTracking().Where(e => e.PatientId == patientId).OrderByDescending(e => e.OccurredOn).ToListAsync(cancellationToken)
            : null;

    /// <summary>
    /// Who records a patient's use (the clinical staff who see the patient; anyone else is refused) and the patient, or
    /// null when the patient is not one the caller can see. Entering and importing both ask here.
    /// </summary>
    internal static async Task<(Guid UserId, Patients.Patient? Patient)> RecorderAndPatientAsync(TactusDbContext db, AccessScope scope, Guid patientId,
        CancellationToken cancellationToken)
    {
        if (scope.Role is not (Roles.Therapist or Roles.Clinician or Roles.Manager) || scope.UserId is not { } userId)
        {
            throw new DomainRuleException("forbidden", "Only the clinical staff who see the patient record health-care use.", StatusCodes.Status403Forbidden);
        }

        return (userId, await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken));
    }

    public async Task<UtilisationEvent?> RecordAsync(Guid patientId, EventInput input, CancellationToken cancellationToken)
    {
        var (userId, patient) = await RecorderAndPatientAsync(db, scope, patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        if (!Enum.IsDefined(input.Kind!.Value))
        {
            throw new DomainRuleException("unknown-kind", $"Choose one of: {string.Join(", ", Enum.GetNames<UtilisationKind>())}.", StatusCodes.Status422UnprocessableEntity);
        }

        var zone = await clock.ZoneAsync(cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        if (input.OccurredOn > today)
        {
            throw new DomainRuleException("future-use", "Health-care use is recorded once it happened, not for a day still to come.", StatusCodes.Status422UnprocessableEntity);
        }

        var recorded = new UtilisationEvent
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, Kind = input.Kind.Value, OccurredOn = input.OccurredOn!.Value,
            Cost = input.Cost, Source = Entered, RecordedById = userId, RecordedAt = time.GetStorageNow(),
        };
        db.UtilisationEvents.Add(recorded);
        await db.SaveChangesAsync(cancellationToken);
        return recorded;
    }

    /// <summary>Every kind with its price (0 where none is set yet).</summary>
    public async Task<IReadOnlyList<PriceInput>> PricesAsync(CancellationToken cancellationToken)
    {
        var set = await db.UtilisationPrices.AsNoTracking().ToDictionaryAsync(p => p.Kind, p => p.Amount, cancellationToken);
        return Enum.GetValues<UtilisationKind>().Select(k => new PriceInput(k, set.GetValueOrDefault(k))).ToList();
    }

    /// <summary>The manager sets the price list; all or nothing.</summary>
    public async Task SetPricesAsync(IReadOnlyList<PriceInput> prices, CancellationToken cancellationToken)
    {
        if (scope.Role != Roles.Manager || scope.OrganizationId is not { } organizationId)
        {
            throw new DomainRuleException("forbidden", "The programme manager sets the price list.", StatusCodes.Status403Forbidden);
        }

        if (prices.Any(p => !Enum.IsDefined(p.Kind) || p.Amount < 0 || p.Amount > 10_000_000) || prices.Select(p => p.Kind).Distinct().Count() != prices.Count)
        {
            throw new DomainRuleException("invalid-prices", "Give each kind once, with an amount between 0 and 10,000,000.", StatusCodes.Status422UnprocessableEntity);
        }

        var existing = await db.UtilisationPrices.ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var price in prices)
        {
            if (existing.TryGetValue(price.Kind, out var row))
            {
                row.Amount = price.Amount;
            }
            else
            {
                db.UtilisationPrices.Add(new UtilisationPrice { OrganizationId = organizationId, Kind = price.Kind, Amount = price.Amount });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
