using Tactus.Web.Features.Referrals;
using Tactus.Web.Web;

namespace Tactus.Tests.Features.Referrals;

/// <summary>The referral lifecycle of issue 03: every transition not in this table is refused.</summary>
public sealed class ReferralLifecycleTests
{
    private static readonly Guid Someone = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Written out here on purpose, not read from the entity: the test states the intended lifecycle.</summary>
    private static readonly HashSet<(ReferralStatus From, ReferralStatus To)> Expected =
    [
        (ReferralStatus.Draft, ReferralStatus.Sent), (ReferralStatus.Draft, ReferralStatus.Cancelled),
        (ReferralStatus.Sent, ReferralStatus.Accepted), (ReferralStatus.Sent, ReferralStatus.Declined), (ReferralStatus.Sent, ReferralStatus.Cancelled),
        (ReferralStatus.Accepted, ReferralStatus.Scheduled), (ReferralStatus.Accepted, ReferralStatus.InProgress),
        (ReferralStatus.Accepted, ReferralStatus.OnHold), (ReferralStatus.Accepted, ReferralStatus.Cancelled),
        (ReferralStatus.Scheduled, ReferralStatus.InProgress), (ReferralStatus.Scheduled, ReferralStatus.OnHold), (ReferralStatus.Scheduled, ReferralStatus.Cancelled),
        (ReferralStatus.Scheduled, ReferralStatus.Accepted), // issue 13 §1: the last booked visit cancelled or missed, to be booked again
        (ReferralStatus.InProgress, ReferralStatus.OnHold), (ReferralStatus.InProgress, ReferralStatus.Discharged), (ReferralStatus.InProgress, ReferralStatus.Cancelled),
        (ReferralStatus.OnHold, ReferralStatus.Accepted), (ReferralStatus.OnHold, ReferralStatus.Scheduled),
        (ReferralStatus.OnHold, ReferralStatus.InProgress), (ReferralStatus.OnHold, ReferralStatus.Cancelled),
    ];

    private static Referral New() => new() { Reason = "Chronic low back pain", CreatedAt = At };

    private static Referral Reach(ReferralStatus status)
    {
        var r = New();
        var path = status switch
        {
            ReferralStatus.Draft => [],
            ReferralStatus.Sent => [ReferralStatus.Sent],
            ReferralStatus.Accepted => [ReferralStatus.Sent, ReferralStatus.Accepted],
            ReferralStatus.Declined => [ReferralStatus.Sent, ReferralStatus.Declined],
            ReferralStatus.Scheduled => [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.Scheduled],
            ReferralStatus.InProgress => [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.InProgress],
            ReferralStatus.OnHold => [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.OnHold],
            ReferralStatus.Discharged => [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.Discharged],
            ReferralStatus.Cancelled => new[] { ReferralStatus.Cancelled },
        };
        foreach (var step in path)
        {
            Move(r, step);
        }

        return r;
    }

    private static void Move(Referral r, ReferralStatus to)
    {
        switch (to)
        {
            case ReferralStatus.Sent: r.Send(Someone, At); break;
            case ReferralStatus.Accepted: r.Accept(Someone, At); break;
            case ReferralStatus.Declined: r.Decline("Outside our service area", Someone, At); break;
            case ReferralStatus.Scheduled: r.Schedule(Someone, At); break;
            case ReferralStatus.InProgress: r.Start(Someone, At); break;
            case ReferralStatus.OnHold: r.Hold("Patient travelling", Someone, At); break;
            case ReferralStatus.Discharged: r.Discharge(Someone, At); break;
            case ReferralStatus.Cancelled: r.Cancel("Patient declined massage", Someone, At); break;
            case ReferralStatus.Draft: throw new DomainRuleException("invalid-transition", "No way back to draft.");
        }
    }

    public static TheoryData<ReferralStatus, ReferralStatus> AllPairs()
    {
        var data = new TheoryData<ReferralStatus, ReferralStatus>();
        foreach (var from in Enum.GetValues<ReferralStatus>())
        {
            foreach (var to in Enum.GetValues<ReferralStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_IsAllowedExactlyWhenTheLifecycleSaysSo(ReferralStatus from, ReferralStatus to)
    {
        var referral = Reach(from);
        var changesBefore = referral.StatusChanges.Count;

        var error = Record.Exception(() => Move(referral, to));

        if (Expected.Contains((from, to)))
        {
            Assert.Null(error);
            Assert.Equal(to, referral.Status);
            Assert.Equal((from, to), (referral.StatusChanges[^1].From, referral.StatusChanges[^1].To));
        }
        else
        {
            var refused = Assert.IsType<DomainRuleException>(error);
            Assert.Equal("invalid-transition", refused.Code);
            Assert.Equal(from, referral.Status);
            Assert.Equal(changesBefore, referral.StatusChanges.Count);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Decline_WithoutAReason_IsRefused(string reason)
    {
        var referral = Reach(ReferralStatus.Sent);

        var error = Assert.Throws<DomainRuleException>(() => referral.Decline(reason, Someone, At));

        Assert.Equal("reason-required", error.Code);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Fact]
    public void Resume_ReturnsToTheStateItWasHeldFrom()
    {
        var referral = Reach(ReferralStatus.InProgress);
        referral.Hold("Patient in hospital", Someone, At);

        referral.Resume(Someone, At.AddDays(10));

        Assert.Equal(ReferralStatus.InProgress, referral.Status);
        Assert.Throws<DomainRuleException>(() => referral.Resume(Someone, At));
    }

    [Theory]
    [InlineData(ReferralStatus.Draft)]
    [InlineData(ReferralStatus.Sent)]
    [InlineData(ReferralStatus.Declined)]
    [InlineData(ReferralStatus.Discharged)]
    [InlineData(ReferralStatus.Cancelled)]
    public void AssignTherapist_BeforeAcceptanceOrAfterClosing_IsRefused(ReferralStatus status)
    {
        var referral = Reach(status);

        Assert.Throws<DomainRuleException>(() => referral.AssignTherapist(Guid.NewGuid()));
        Assert.Null(referral.AssignedTherapistId);
    }

    [Fact]
    public void EveryTransition_IsTimeStampedWithWhoAndWhy()
    {
        var referral = Reach(ReferralStatus.Sent);

        referral.Decline("Outside our service area", Someone, At.AddHours(3));

        var change = referral.StatusChanges[^1];
        Assert.Equal((At.AddHours(3), Someone, "Outside our service area"), (change.At, change.ByUserId, change.Reason));
        Assert.Equal("Outside our service area", referral.StatusReason);
    }
}
