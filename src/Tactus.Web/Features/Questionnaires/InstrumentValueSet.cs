using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// The country value set an organisation supplies for a utility instrument's slot (EQ-5D-5L; clinical.md §1.2 "licensed
/// utility instruments" and §6.2): what turns a health state into a utility, so that the value report can count QALYs.
/// Tactus bundles none (they come with the instrument's licence). One per instrument per organisation; replacing it is
/// audited like any change, and scores already given keep the utility they were given.
/// </summary>
public sealed class InstrumentValueSet : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Instrument { get; init; }

    /// <summary>The value set's name as published (e.g. a country and year).</summary>
    public required string Name { get; set; }

    /// <summary>Where it is published (citation), so a report can say whose preferences its QALYs carry.</summary>
    public required string Source { get; set; }

    /// <summary>What gives the organisation the right to use it.</summary>
    public required string RightsStatement { get; set; }

    /// <summary>Subtracted once from 1 for any state other than full health (the model's constant; 0 when it has none).</summary>
    public decimal Constant { get; set; }

    /// <summary>Per item, the decrement for each answer in the order the item lists them (level 1 first).</summary>
    public Dictionary<string, List<decimal>> Decrements { get; set; } = [];

    public Guid SuppliedById { get; set; }
    public DateTimeOffset SuppliedAt { get; set; }

    public UtilityValueSet ToRule() => new(Name, Source, Constant, Decrements.ToDictionary(d => d.Key, d => (IReadOnlyList<decimal>)d.Value));
}

internal sealed class InstrumentValueSetConfiguration : IEntityTypeConfiguration<InstrumentValueSet>
{
    public void Configure(EntityTypeBuilder<InstrumentValueSet> builder)
    {
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.OrganizationId, v.Instrument }).IsUnique();
        builder.Property(v => v.Instrument).HasMaxLength(16);
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.Source).HasMaxLength(1000);
        builder.Property(v => v.RightsStatement).HasMaxLength(1000);
        builder.Property(v => v.Constant).HasPrecision(8, 5);
        builder.Property(v => v.Decrements).HasJsonConversion();
    }
}
