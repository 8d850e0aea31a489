using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Statements;

internal sealed class PatientChargeConfiguration : IEntityTypeConfiguration<PatientCharge>
{
    public void Configure(EntityTypeBuilder<PatientCharge> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PatientId, c.ServiceDate });
        builder.HasIndex(c => c.VisitCodingId).IsUnique();
        builder.Property(c => c.Description).HasMaxLength(300);
        builder.Property(c => c.Amount).HasPrecision(12, 2);
    }
}

internal sealed class PatientPaymentConfiguration : IEntityTypeConfiguration<PatientPayment>
{
    public void Configure(EntityTypeBuilder<PatientPayment> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PatientId, p.ReceivedOn });
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Method).HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(100);
    }
}

internal sealed class PatientAccountConfiguration : IEntityTypeConfiguration<PatientAccount>
{
    public void Configure(EntityTypeBuilder<PatientAccount> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.PatientId).IsUnique();

        // The desk lists who owes, largest first: an index that serves the filter and the order.
        builder.HasIndex(a => new { a.OrganizationId, a.BalanceCents });

        // Two payments recorded at once must not lose one: the balance is a concurrency token.
        builder.Property(a => a.BalanceCents).IsConcurrencyToken();
        builder.Ignore(a => a.Balance);
    }
}
