using Tactus.Web.Features.Remittance;

namespace Tactus.Tests.Features.Remittance;

/// <summary>
/// An 835 (005010X221A1) read exactly, and refused whole when it does not hold together: the balancing rules of
/// clinical.md §2.8 (service, claim, file with PLB) and the envelope counts.
/// </summary>
public sealed class Remittance835ParserTests
{
    /// <summary>
    /// Two claims and a provider-level adjustment. TC1001: 97124 90 → 60 (CO-45 20, PR-2 10), 97140 50 → 35 (CO-45 10; PR-1 3 and PR-2 2 in one CAS).
    /// TC1002: denied at claim level (CLP02 4, CO-197 32.50). PLB: interest paid to the provider (L6, −1.25 reduces the
    /// adjustment, so the payment rises): BPR02 = 95 − (−1.25) = 96.25.
    /// </summary>
    private static string File(string payment = "96.25", string svcPaid = "60", string seCount = "", string iea = "000000555")
    {
        var body = new List<string>
        {
            "ST*835*1234", $"BPR*I*{payment}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261130", "TRN*1*EFT-5555*1512345678",
            "N1*PR*LAKESIDE HEALTH PLAN", "N1*PE*RIVERSIDE INTEGRATIVE HEALTH*XX*1987654328", "LX*1",
            "CLP*TC1001*1*140*95*15*12*LHP-1", "NM1*QC*1*DOE*JANE",
            $"SVC*HC:97124:XS*90*{svcPaid}**2", "DTM*472*20261113", "CAS*CO*45*20", "CAS*PR*2*10", "REF*6R*TC1001-1", "AMT*B6*70",
            "SVC*HC:97140*50*35**1", "DTM*472*20261113", "CAS*CO*45*10*1", "CAS*PR*1*3**2*2", "REF*6R*TC1001-2", "AMT*B6*40", "LQ*HE*M15",
            "CLP*TC1002*4*32.5*0**12*LHP-2", "CAS*CO*197*32.5", "NM1*QC*1*ROE*RITA",
            "PLB*1987654328*20261231*L6:TC1001*-1.25",
        };
        body.Add($"SE*{(seCount.Length > 0 ? seCount : (body.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}*1234");
        return "ISA*00*          *00*          *ZZ*LHP01          *ZZ*TACTUSDEMO     *261130*0900*^*00501*000000555*0*P*:~"
            + "GS*HP*LHP01*TACTUSDEMO*20261130*0900*555*X*005010X221A1~" + string.Join("~\n", body) + $"~\nGE*1*555~IEA*1*{iea}~";
    }

    [Fact]
    public void RealisticFile_IsReadExactly()
    {
        var remittance = Assert.Single(Remittance835Parser.Parse(File()));

        Assert.Equal((96.25m, "ACH", "EFT-5555", "1512345678", "LAKESIDE HEALTH PLAN", -1.25m, new DateOnly(2026, 11, 30)),
            (remittance.PaymentAmount, remittance.PaymentMethod, remittance.TraceNumber, remittance.PayerIdentifier, remittance.PayerName, remittance.ProviderAdjustments,
                remittance.PaymentDate!.Value));
        Assert.Equal("JANE DOE", remittance.Claims[0].PatientName);
        var paid = remittance.Claims[0];
        Assert.Equal(("TC1001", "1", 140m, 95m, 15m, "LHP-1"), (paid.ClaimNumber, paid.StatusCode, paid.Charge, paid.Paid, paid.PatientResponsibility, paid.PayerControlNumber));
        Assert.Equal([("97124", 90m, 60m, 2m), ("97140", 50m, 35m, 1m)], paid.Services.Select(s => (s.Code, s.Charge, s.Paid, s.Units)));
        Assert.Equal(["XS"], paid.Services[0].Modifiers);
        Assert.Equal([("CO", "45", 20m), ("PR", "2", 10m)], paid.Services[0].Adjustments.Select(a => (a.Group, a.Reason, a.Amount)));
        Assert.Equal([("CO", "45", 10m, (decimal?)1m), ("PR", "1", 3m, null), ("PR", "2", 2m, null)], paid.Services[1].Adjustments.Select(a => (a.Group, a.Reason, a.Amount, a.Quantity)));
        Assert.Equal(("TC1001-2", 40m, "M15"), (paid.Services[1].ControlNumber, paid.Services[1].Allowed!.Value, paid.Services[1].Remarks.Single()));
        var denied = remittance.Claims[1];
        Assert.True(denied.Denied);
        Assert.Empty(denied.Services);
        Assert.Equal(("CO", "197", 32.5m), (denied.Adjustments.Single().Group, denied.Adjustments.Single().Reason, denied.Adjustments.Single().Amount));
    }

    [Theory]
    [InlineData("payment", "BPR02 is 100.00")]
    [InlineData("service", "service 97124: charge 90.00 less adjustments 30.00 is not the paid 61.00")]
    [InlineData("se", "SE says 3 segments")]
    [InlineData("iea", "IEA control number 000000556")]
    [InlineData("837", "This is an 837 claim file")]
    [InlineData("text", "not an X12 file")]
    public void BrokenFile_IsRefused_SayingWhatIsWrong(string broken, string expected)
    {
        var file = broken switch
        {
            "payment" => File(payment: "100"),
            "service" => File(svcPaid: "61"),
            "se" => File(seCount: "3"),
            "iea" => File(iea: "000000556"),
            "837" => File().Replace("ST*835", "ST*837", StringComparison.Ordinal),
            _ => "Dear provider, please find the remittance attached.",
        };

        var error = Assert.Throws<FormatException>(() => Remittance835Parser.Parse(file));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Two payments in one interchange (two ST/SE in one GS): the second pays TC1003 75 with its own BPR and TRN.</summary>
    private static string TwoPayments(string secondSeCount = "", string secondPayment = "75", string groupCount = "2")
    {
        var first = File();
        var second = new List<string>
        {
            "ST*835*1235", $"BPR*I*{secondPayment}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261201", "TRN*1*EFT-5556*1512345678",
            "N1*PR*LAKESIDE HEALTH PLAN", "N1*PE*RIVERSIDE INTEGRATIVE HEALTH*XX*1987654328", "LX*1",
            "CLP*TC1003*1*90*75*0*12*LHP-3", "NM1*QC*1*POE*PAT", "SVC*HC:97124*90*75**2", "CAS*CO*45*15", "REF*6R*TC1003-1",
        };
        second.Add($"SE*{(secondSeCount.Length > 0 ? secondSeCount : (second.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}*1235");
        return first.Replace("~\nGE*1*555~", "~\n" + string.Join("~\n", second) + $"~\nGE*{groupCount}*555~", StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralTransactionSets_AreSeveralPayments_EachWithItsOwnPaymentAndTrace()
    {
        var payments = Remittance835Parser.Parse(TwoPayments());

        Assert.Equal([("EFT-5555", 96.25m, "1234"), ("EFT-5556", 75m, "1235")], payments.Select(p => (p.TraceNumber, p.PaymentAmount, p.TransactionSetControl)));
        Assert.Equal(["TC1003"], payments[1].Claims.Select(c => c.ClaimNumber));
    }

    [Theory]
    [InlineData("count", "SE says 4 segments (control 1235)")]
    [InlineData("balance", "Transaction set 1235 does not balance")]
    [InlineData("group", "GE says 1 transaction sets but the group holds 2")]
    public void AnyTransactionSetThatDoesNotHoldTogether_RefusesTheWholeFile(string broken, string expected)
    {
        var file = broken switch
        {
            "count" => TwoPayments(secondSeCount: "4"),
            "balance" => TwoPayments(secondPayment: "80"),
            _ => TwoPayments(groupCount: "1"),
        };

        Assert.Contains(expected, Assert.Throws<FormatException>(() => Remittance835Parser.Parse(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimThatDoesNotBalance_IsRefused() =>
        Assert.Contains("Claim TC1001 does not balance",
            Assert.Throws<FormatException>(() => Remittance835Parser.Parse(File().Replace("CLP*TC1001*1*140*95", "CLP*TC1001*1*150*95", StringComparison.Ordinal))).Message,
            StringComparison.Ordinal);
}
