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

        var remittance = Assert.Single(Remittance835Parser.Parse(response));
        var claim = Assert.Single(remittance.Claims);
        Assert.Equal(("TC1001", 140m, 89.6m, 22.4m), (claim.ClaimNumber, claim.Charge, claim.Paid, claim.PatientResponsibility));
        Assert.Equal([57.6m, 32m], claim.Services.Select(s => s.Paid));
        Assert.Equal(["TC1001-1", "TC1001-2"], claim.Services.Select(s => s.ControlNumber));
        Assert.Equal(89.6m, remittance.PaymentAmount);
        Assert.Equal([("LHP01", "LAKESIDE HEALTH PLAN"), ("MCRDEMO", "MEDICARE PART B")], TestPayer.Payers(Golden()));
    }

    /// <summary>
    /// 005010X221A1: the payer identification loop (1000A) carries N3, N4 and a PER*BL technical contact; the payee
    /// loop (1000B) names the billing provider with its NPI; each claim names the patient (2100 NM1*QC); TRN03 is ten
    /// characters, "1" and a nine-digit identifier.
    /// </summary>
    [Fact]
    public void Response_CarriesWhatTheImplementationGuideRequires()
    {
        var segments = TestPayer.Respond(Golden(), "LHP01", new DateOnly(2026, 11, 30), 42).Split('~');
        var trn = segments.Single(x => x.StartsWith("TRN*", StringComparison.Ordinal)).Split('*');
        var payerLoop = segments.SkipWhile(x => !x.StartsWith("N1*PR*", StringComparison.Ordinal)).Take(4).Select(x => x.Split('*')[0]).ToList();
        var payee = segments.Single(x => x.StartsWith("N1*PE*", StringComparison.Ordinal)).Split('*');

        Assert.Matches("^1[0-9]{9}$", trn[3]);
        Assert.Equal(["N1", "N3", "N4", "PER"], payerLoop);
        Assert.StartsWith("PER*BL*", segments.Single(x => x.StartsWith("PER*", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(("XX", 5), (payee[3], payee.Length));
        Assert.Contains(segments, x => x.StartsWith("NM1*QC*1*", StringComparison.Ordinal));
    }

    [Fact]
    public void AsSecondary_ItPaysWhatThePrimaryLeftToThePatient_NotTheChargeAgain()
    {
        var primary = Assert.Single(Remittance835Parser.Parse(TestPayer.Respond(Golden(), "LHP01", new DateOnly(2026, 11, 30), 42))).Claims[0];
        var secondary837 = Golden()
            .Replace("SBR*P*18", "SBR*S*18", StringComparison.Ordinal)
            .Replace("REF*6R*TC1001-1~", "REF*6R*TC1001-1~SVD*PRIMARY01*57.6*HC:97124:GP**2~CAS*CO*45*18~CAS*PR*2*14.4~", StringComparison.Ordinal)
            .Replace("REF*6R*TC1001-2~", "REF*6R*TC1001-2~SVD*PRIMARY01*32*HC:97140:GP**1~CAS*CO*45*10~CAS*PR*2*8~", StringComparison.Ordinal);

        var secondary = Assert.Single(Remittance835Parser.Parse(TestPayer.Respond(secondary837, "LHP01", new DateOnly(2026, 12, 5), 43))).Claims[0];

        Assert.Equal(22.4m, primary.PatientResponsibility);
        Assert.Equal(("2", 22.4m, 0m), (secondary.StatusCode, secondary.Paid, secondary.PatientResponsibility));
        Assert.Equal([14.4m, 8m], secondary.Services.Select(s => s.Paid));
        Assert.All(secondary.Services, s => Assert.Equal("OA", Assert.Single(s.Adjustments).Group));
    }

    [Fact]
    public void ProductionInterchange_IsNeverAnswered()
    {
        var production = Golden().Replace("*0*T*:~", "*0*P*:~", StringComparison.Ordinal);

        Assert.False(TestPayer.IsTestInterchange(production));
        Assert.Throws<InvalidOperationException>(() => TestPayer.Respond(production, "LHP01", new DateOnly(2026, 11, 30), 42));
    }
}
