using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Statements;

/// <summary>
/// A patient's running balance, kept in cents beside the charges and payments that make it (in the same
/// transaction), so the desk can list who owes, largest first, in SQL on both stores.
/// </summary>
public sealed class PatientAccount : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public long BalanceCents { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public decimal Balance => BalanceCents / 100m;

    public void Add(decimal amount, DateTimeOffset at)
    {
        BalanceCents = checked(BalanceCents + (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero));
        UpdatedAt = at;
    }
}
