using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// What a visit costs the programme (issue 14 §3), set by the manager: the actual cost of a visit when known, else the
/// fee schedule's charge for the visit as coded; the therapist's time at an hourly cost; an overhead on both. And the
/// window over which health-care use is counted before and after an episode.
/// </summary>
public sealed class ProgrammeCostSettings : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }

    /// <summary>The actual cost of one visit; null prices each visit at the fee schedule's charge for its codes.</summary>
    public decimal? CostPerVisit { get; set; }

    /// <summary>Staff minutes a visit takes beyond what the visit's price already holds (e.g. documentation, 0 when none).</summary>
    public int StaffMinutesPerVisit { get; set; }

    public decimal StaffCostPerHour { get; set; }

    /// <summary>Overhead on the visit and staff cost, in percent (rooms, administration).</summary>
    public decimal OverheadPercent { get; set; }

    /// <summary>Days before the referral and after it over which health-care use is counted.</summary>
    public int UtilisationWindowDays { get; set; } = DefaultWindowDays;

    public const int DefaultWindowDays = 180;

    /// <summary>What one visit costs: its price (actual, or its fee-schedule charge) plus staff time, with overhead.</summary>
    public decimal VisitCost(decimal feeScheduleCharge) =>
        ((CostPerVisit ?? feeScheduleCharge) + StaffMinutesPerVisit * StaffCostPerHour / 60m) * (1 + OverheadPercent / 100m);
}

internal sealed class ProgrammeCostSettingsConfiguration : IEntityTypeConfiguration<ProgrammeCostSettings>
{
    public void Configure(EntityTypeBuilder<ProgrammeCostSettings> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.OrganizationId).IsUnique();
        builder.Property(s => s.CostPerVisit).HasPrecision(12, 2);
        builder.Property(s => s.StaffCostPerHour).HasPrecision(12, 2);
        builder.Property(s => s.OverheadPercent).HasPrecision(6, 2);
    }
}
