using Tactus.Web.Features.Claims.X12;
using Tactus.Web.Features.Remittance;

namespace Tactus.Tests.Features.Remittance;

/// <summary>The stand-in payer for test interchanges: a balanced 835 for one payer's claims, and nothing for production files.</summary>
public sealed class TestPayerTests
{
    private static string Golden() => string.Concat(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Features", "Claims", "Golden", "two-claims.837p.x12")));

    [Fact]
    public void Response_PaysEightyPercentAllowed_LessTwentyPercentCoinsurance_AndBalances()
    {
        var response = TestPayer.Respond(Golden(), "LHP01", new DateOnly(2026, 11, 30), 42);

        var remittance = Remittance835Parser.Parse(response);
        var claim = Assert.Single(remittance.Claims);
        Assert.Equal(("TC1001", 140m, 89.6m, 22.4m), (claim.ClaimNumber, claim.Charge, claim.Paid, claim.PatientResponsibility));
        Assert.Equal([57.6m, 32m], claim.Services.Select(s => s.Paid));
        Assert.Equal(["TC1001-1", "TC1001-2"], claim.Services.Select(s => s.ControlNumber));
        Assert.Equal(89.6m, remittance.PaymentAmount);
        Assert.Equal([("LHP01", "LAKESIDE HEALTH PLAN"), ("MCRDEMO", "MEDICARE PART B")], TestPayer.Payers(Golden()));
    }

    [Fact]
    public void ProductionInterchange_IsNeverAnswered()
    {
        var production = Golden().Replace("*0*T*:~", "*0*P*:~", StringComparison.Ordinal);

        Assert.False(TestPayer.IsTestInterchange(production));
        Assert.Throws<InvalidOperationException>(() => TestPayer.Respond(production, "LHP01", new DateOnly(2026, 11, 30), 42));
    }
}
