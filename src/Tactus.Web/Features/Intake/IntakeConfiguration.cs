using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Intake;

internal sealed class IntakeConfiguration : IEntityTypeConfiguration<PatientIntake>
{
    public void Configure(EntityTypeBuilder<PatientIntake> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.PatientId, i.RecordedAt });
        builder.Property(i => i.Answers).HasConversion(JsonColumn.Converter<IntakeAnswers>()).Metadata.SetValueComparer(JsonColumn.Comparer<IntakeAnswers>());
        builder.Property(i => i.Preferences).HasConversion(JsonColumn.Converter<IntakePreferences>()).Metadata.SetValueComparer(JsonColumn.Comparer<IntakePreferences>());
        builder.Property(i => i.OtherConditions).HasMaxLength(2000);
        builder.Property(i => i.Allergies).HasMaxLength(1000);
        builder.Property(i => i.ImplantedDevices).HasMaxLength(1000);
        builder.Property(i => i.ConsentGivenBy).HasMaxLength(200);
    }
}

internal sealed class PatientFindingConfiguration : IEntityTypeConfiguration<PatientFinding>
{
    public void Configure(EntityTypeBuilder<PatientFinding> builder)
    {
        builder.HasKey(f => f.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(f => f.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.PatientId, f.Status });
        builder.Property(f => f.RuleId).HasMaxLength(64);
        builder.Property(f => f.Finding).HasMaxLength(200);
        builder.Property(f => f.Category).HasMaxLength(16);
        builder.Property(f => f.Action).HasMaxLength(16);
        builder.Property(f => f.PatientText).HasMaxLength(1000);
        builder.Property(f => f.ClinicianText).HasMaxLength(1000);
        builder.Property(f => f.Source).HasMaxLength(500);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.ClearanceReason).HasMaxLength(500);
        builder.Ignore(f => f.Blocks);
    }
}

/// <summary>Small value objects stored as JSON text: the same on SQLite and PostgreSQL.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter<T>()
        where T : new() =>
        new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options) ?? new T());

    public static ValueComparer<T> Comparer<T>()
        where T : new() =>
        new((a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options) ?? new T());
}
