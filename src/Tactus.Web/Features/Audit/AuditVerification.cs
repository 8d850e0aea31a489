using Tactus.Web.Web;

namespace Tactus.Web.Features.Audit;

[PureEngine]
public sealed record AuditVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem)
{
    public static AuditVerification Intact(long count) => new(true, count, null, null);

    public static AuditVerification Broken(long checkedSoFar, long sequence, string problem) =>
        new(false, checkedSoFar, sequence, problem);

    public override string ToString() => IsIntact
        ? $"Audit chain intact: {EntriesChecked} entries verified."
        : $"Audit chain BROKEN at entry {FirstBrokenSequence}: {Problem}. {EntriesChecked} entries verified before it.";
}
