namespace Tactus.Web.Features.Audit;

/// <summary>
/// The single row that says where the chain ends. Appenders take its row lock first, so
/// appends from every instance and every transaction are serialised in one order.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public long LastSequence { get; set; }
    public required string LastHash { get; set; }
    public long LockCounter { get; set; }
}
