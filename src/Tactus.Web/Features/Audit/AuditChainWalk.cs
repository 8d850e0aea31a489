using Tactus.Web.Web;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Verifies one chain an entry at a time, in constant memory, so ten million entries can be
/// streamed through it: each entry must follow the one before (sequence and hash link) and match
/// its own hash, and the chain must end where its head says. Pure: the caller streams the rows.
/// </summary>
[PureEngine]
public sealed class AuditChainWalk(long startSequence, string startHash)
{
    private long _expectedSequence = startSequence + 1;
    private string _expectedPrevious = startHash;
    private AuditVerification? _broken;

    public long EntriesChecked { get; private set; }

    /// <summary>Takes the next entry; false once the chain is broken (the walk stops there).</summary>
    public bool Accept(AuditEntry entry)
    {
        if (_broken is not null)
        {
            return false;
        }

        if (entry.Sequence != _expectedSequence)
        {
            return Break(_expectedSequence,
                $"expected entry {_expectedSequence} but found {entry.Sequence}: entries were removed or inserted");
        }

        if (entry.PreviousHash != _expectedPrevious)
        {
            return Break(entry.Sequence, "does not link to the entry before it");
        }

        if (AuditChain.ComputeHash(entry) != entry.Hash)
        {
            return Break(entry.Sequence, "its content does not match its hash: it was altered");
        }

        _expectedPrevious = entry.Hash;
        _expectedSequence++;
        EntriesChecked++;
        return true;
    }

    /// <summary>The verdict, once every entry has been offered: the chain must end at the head.</summary>
    public AuditVerification Finish(long headSequence, string headHash)
    {
        if (_broken is not null)
        {
            return _broken;
        }

        var lastSequence = _expectedSequence - 1;
        if (lastSequence != headSequence || _expectedPrevious != headHash)
        {
            return AuditVerification.Broken(EntriesChecked, _expectedSequence,
                $"the chain ends at entry {lastSequence} but the head records {headSequence}: entries were removed from the end");
        }

        return AuditVerification.Intact(EntriesChecked);
    }

    private bool Break(long sequence, string problem)
    {
        _broken = AuditVerification.Broken(EntriesChecked, sequence, problem);
        return false;
    }
}
