using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Features.Audit;

/// <summary>SR-14: every class of tampering (modify, delete, insert, reorder, truncate) is detected.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var record = new AuditRecord(Start.AddSeconds(i).AddTicks(1234), Guid.NewGuid(), Guid.NewGuid(), $"user{i}@example.org",
                "therapist", i % 2 == 0 ? AuditActions.Read : AuditActions.Update, "Patient", Guid.NewGuid().ToString(),
                Guid.NewGuid(), "10.0.0.1", AuditOutcomes.Success, i % 3 == 0 ? "changed: Phone" : null);
            var entry = AuditChain.Seal(record, i, previous);
            previous = entry.Hash;
            entries.Add(entry);
        }

        return entries;
    }

    private static AuditEntry With(AuditEntry e, string? detail = null, string? actor = null) => new()
    {
        Sequence = e.Sequence, OccurredAt = e.OccurredAt, OrganizationId = e.OrganizationId, UserId = e.UserId,
        Actor = actor ?? e.Actor, Role = e.Role, Action = e.Action, EntityType = e.EntityType, EntityId = e.EntityId,
        PatientId = e.PatientId, IpAddress = e.IpAddress, Outcome = e.Outcome, Detail = detail ?? e.Detail,
        PreviousHash = e.PreviousHash, Hash = e.Hash,
    };

    [Fact]
    public void Verify_UntouchedChain_IsIntact()
    {
        var chain = Chain(50);

        var result = AuditChain.Verify(chain, 50, chain[^1].Hash);

        Assert.True(result.IsIntact);
        Assert.Equal(50, result.EntriesChecked);
    }

    [Fact]
    public void Verify_EmptyChainAtGenesis_IsIntact()
    {
        Assert.True(AuditChain.Verify([], 0, AuditChain.GenesisHash).IsIntact);
    }

    [Fact]
    public void Verify_ModifiedEntry_IsFoundAtItsSequence()
    {
        var chain = Chain(20);
        chain[11] = With(chain[11], actor: "someone-else@example.org");

        var result = AuditChain.Verify(chain, 20, chain[^1].Hash);

        Assert.False(result.IsIntact);
        Assert.Equal(12, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_DeletedEntry_IsFound()
    {
        var chain = Chain(20);
        chain.RemoveAt(7);

        var result = AuditChain.Verify(chain, 20, chain[^1].Hash);

        Assert.False(result.IsIntact);
        Assert.Equal(8, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_InsertedEntry_IsFound()
    {
        var chain = Chain(10);
        var forged = AuditChain.Seal(new AuditRecord(Start, null, null, "intruder", null, AuditActions.Read, null, null, null,
            null, AuditOutcomes.Success), 5, chain[3].Hash);
        chain.Insert(4, forged);

        var result = AuditChain.Verify(chain, 10, chain[^1].Hash);

        Assert.False(result.IsIntact);
    }

    [Fact]
    public void Verify_ReorderedEntries_AreFound()
    {
        var chain = Chain(10);
        (chain[3], chain[4]) = (chain[4], chain[3]);

        Assert.False(AuditChain.Verify(chain, 10, chain[^1].Hash).IsIntact);
    }

    [Fact]
    public void Verify_TruncatedEnd_IsFoundAgainstTheHead()
    {
        var chain = Chain(10);
        var head = chain[^1].Hash;
        chain.RemoveRange(8, 2);

        var result = AuditChain.Verify(chain, 10, head);

        Assert.False(result.IsIntact);
        Assert.Contains("removed from the end", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RecomputedHashWithoutRelinking_IsFound()
    {
        var chain = Chain(10);
        var tampered = With(chain[2], detail: "nothing to see");
        chain[2] = new AuditEntry
        {
            Sequence = tampered.Sequence, OccurredAt = tampered.OccurredAt, OrganizationId = tampered.OrganizationId,
            UserId = tampered.UserId, Actor = tampered.Actor, Role = tampered.Role, Action = tampered.Action,
            EntityType = tampered.EntityType, EntityId = tampered.EntityId, PatientId = tampered.PatientId,
            IpAddress = tampered.IpAddress, Outcome = tampered.Outcome, Detail = tampered.Detail,
            PreviousHash = tampered.PreviousHash, Hash = AuditChain.ComputeHash(tampered),
        };

        var result = AuditChain.Verify(chain, 10, chain[^1].Hash);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public void ComputeHash_NullAndEmptyFields_DoNotCollide()
    {
        var withNull = AuditChain.Seal(new AuditRecord(Start, null, null, "a", null, "read", null, null, null, null, "success"), 1,
            AuditChain.GenesisHash);
        var withEmpty = AuditChain.Seal(new AuditRecord(Start, null, null, "a", "", "read", null, null, null, null, "success"), 1,
            AuditChain.GenesisHash);

        Assert.NotEqual(withNull.Hash, withEmpty.Hash);
    }

    [Fact]
    public void Normalize_TruncatesToMicroseconds_SoBothStoresReturnWhatWasHashed()
    {
        var instant = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        var normalized = AuditChain.Normalize(instant);

        Assert.Equal(TimeSpan.Zero, normalized.Offset);
        Assert.Equal(0, normalized.Ticks % 10);
        Assert.Equal(instant.UtcTicks - 7, normalized.UtcTicks);
    }
}
