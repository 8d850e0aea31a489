namespace Tactus.Web.Features.Audit;

/// <summary>
/// Where one chain ends. Each organisation has its own chain, and events with no organisation
/// (a failed sign-in of an unknown e-mail, system work) go to the system chain, so organisations
/// never wait on each other's audit. Appenders take the head's row lock first, so appends to one
/// chain from every instance and transaction are serialised in one order.
/// </summary>
public sealed class AuditChainHead
{
    /// <summary>
    /// The system chain; it also holds every entry written before chains were split per
    /// organisation, so the chains that existed then begin where it stood (StartSequence/StartHash).
    /// </summary>
    public static readonly Guid SystemChain = Guid.Empty;

    public Guid ChainId { get; init; }

    /// <summary>The sequence and hash this chain continues from: 0 and genesis for a chain started fresh.</summary>
    public long StartSequence { get; init; }

    public required string StartHash { get; init; }
    public long LastSequence { get; set; }
    public required string LastHash { get; set; }
    public long LockCounter { get; set; }

    public static Guid ChainOf(Guid? organizationId) => organizationId ?? SystemChain;
}
