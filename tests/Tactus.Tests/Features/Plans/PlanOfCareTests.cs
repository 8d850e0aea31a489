using Tactus.Web.Features.Plans;
using Tactus.Web.Web;

namespace Tactus.Tests.Features.Plans;

public sealed class PlanOfCareTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static PlanOfCare Plan() => new() { SessionsPerWeek = 1, Weeks = 8, RecertifyAfterVisits = 8, CreatedAt = At };

    [Fact]
    public void Certify_BeforeTheTherapistSigns_IsRefused()
    {
        var plan = Plan();

        var error = Assert.Throws<DomainRuleException>(() => plan.Certify(Guid.NewGuid(), At, 90));

        Assert.Contains("must sign the plan before", error.Message, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Draft, plan.Status);
    }

    [Fact]
    public void SignThenCertify_SetsTheReCertificationDate()
    {
        var plan = Plan();

        plan.Sign(Guid.NewGuid(), At);
        plan.Certify(Guid.NewGuid(), At.AddDays(1), 90);

        Assert.Equal(PlanStatus.Certified, plan.Status);
        Assert.Equal(new DateOnly(2026, 11, 28).AddDays(90), plan.RecertifyBy);
        Assert.Throws<DomainRuleException>(() => plan.Sign(Guid.NewGuid(), At));
    }

    [Theory]
    [InlineData(0, 7, false)]
    [InlineData(0, 8, true)]
    [InlineData(91, 0, true)]
    [InlineData(90, 0, false)]
    public void RecertificationDue_AfterTheDaysOrTheVisits(int daysAfterCertification, int visitsGiven, bool due)
    {
        var plan = Plan();
        plan.Sign(Guid.NewGuid(), At);
        plan.Certify(Guid.NewGuid(), At, 90);

        Assert.Equal(due, plan.RecertificationDue(DateOnly.FromDateTime(At.UtcDateTime).AddDays(daysAfterCertification), visitsGiven));
    }
}
