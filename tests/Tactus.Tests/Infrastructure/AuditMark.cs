namespace Tactus.Tests.Infrastructure;

/// <summary>The end of every audit chain at one moment, as "chain:sequence;…" (a value, so two marks compare).</summary>
public sealed record AuditMark(string Positions)
{
    public static readonly AuditMark Start = new("");

    public static AuditMark Of(IEnumerable<(Guid ChainId, long LastSequence)> heads) =>
        new(string.Join(';', heads.OrderBy(h => h.ChainId).Select(h => $"{h.ChainId:N}:{h.LastSequence}")));

    public long PositionOf(Guid chainId)
    {
        foreach (var part in Positions.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (chain, sequence) = (part[..32], part[33..]);
            if (Guid.ParseExact(chain, "N") == chainId)
            {
                return long.Parse(sequence, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
