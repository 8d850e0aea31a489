using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Sessions;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<TreatmentSession>
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<TreatmentSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.PatientId, s.SessionDate });
        builder.HasIndex(s => s.PlanId);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        Json(builder.Property(s => s.CheckIn));
        Json(builder.Property(s => s.Note));
        Json(builder.Property(s => s.Amendments));
    }

    /// <summary>The note and its parts are one document: stored as JSON text, compared by content.</summary>
    private static void Json<T>(PropertyBuilder<T> property)
    {
        property.HasConversion(new ValueConverter<T, string>(
            v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!));
        property.Metadata.SetValueComparer(new ValueComparer<T>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
        property.IsRequired();
    }
}
