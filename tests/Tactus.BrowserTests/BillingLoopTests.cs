using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tactus.BrowserTests;

/// <summary>
/// Issue 05's journey in Chromium on the demo clinic's signed visits: the biller reviews a visit's codes, makes a
/// claim, downloads the 837P, imports the payer's 835 with one denied line and finds it on the denial work-list.
/// </summary>
public sealed partial class BillingLoopTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task BillerReviewsCodes_ExportsThe837P_Imports835_AndWorksTheDenial()
    {
        await using var biller = await PageSession.OpenAsync(fixture.App);
        await biller.SignInAsync("biller@riverside.example");
        var page = biller.Page;
        Assert.Equal("/Billing", biller.Path);

        await page.GetByTestId("to-review").Locator("tr", new() { HasText = "Lakeside Health Plan" }).First.Locator("a[href^='/Billing/Visit/']").ClickAsync();
        var lines = page.GetByTestId("coded-lines");
        await Assertions.Expect(lines.Locator("tr", new() { HasText = "97124" })).ToContainTextAsync("XS");
        await Assertions.Expect(page.GetByText("How the units were reached")).ToBeVisibleAsync();
        await page.GetByTestId("mark-reviewed").ClickAsync();
        await Assertions.Expect(page.GetByTestId("coding-status")).ToHaveTextAsync("Reviewed");
        await page.GetByTestId("make-claim").ClickAsync();
        await Assertions.Expect(page.GetByTestId("billing-flash")).ToContainTextAsync("ready to export");

        await page.GetByTestId("export").ClickAsync();
        await Assertions.Expect(page.GetByTestId("billing-flash")).ToContainTextAsync("Exported 1 claim");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("batch-download").First.ClickAsync());
        var file = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("ISA*", file, StringComparison.Ordinal);
        Assert.EndsWith(".x12", download.SuggestedFilename, StringComparison.Ordinal);
        var claimNumber = ClaimNumber().Match(file).Groups[1].Value;
        var serviceDate = ServiceDate().Match(file).Groups[1].Value;

        var remittance = Remittance(claimNumber, serviceDate);
        await page.GetByTestId("remittance-file").SetInputFilesAsync(new FilePayload
        {
            Name = "lakeside-835.x12", MimeType = "application/edi-x12", Buffer = System.Text.Encoding.ASCII.GetBytes(remittance),
        });
        await page.GetByTestId("import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("billing-flash")).ToContainTextAsync("Posted 1 claim: 70.00 paid, 1 denied line");

        var denial = page.GetByTestId("denials");
        await Assertions.Expect(denial).ToContainTextAsync(claimNumber);
        await Assertions.Expect(denial).ToContainTextAsync("CO-50: Not medically necessary");
        Assert.Empty(biller.ConsoleErrors);
    }

    /// <summary>The payer pays 97124 (90 → 70, CO-45 20) and denies 97140 (CO-50 50).</summary>
    private static string Remittance(string claimNumber, string date)
    {
        var body = new List<string>
        {
            "ST*835*0001", $"BPR*I*70*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*{date}", "TRN*1*EFT-BROWSER-1*1512345678",
            "N1*PR*LAKESIDE HEALTH PLAN", "N1*PE*RIVERSIDE INTEGRATIVE HEALTH*XX*1987654328", "LX*1",
            $"CLP*{claimNumber}*1*140*70*0*12*LHP-BROWSER-1", "NM1*QC*1*PATIENT*DEMO",
            "SVC*HC:97124:XS*90*70**2", $"DTM*472*{date}", "CAS*CO*45*20", $"REF*6R*{claimNumber}-1",
            "SVC*HC:97140*50*0**0", $"DTM*472*{date}", "CAS*CO*50*50", $"REF*6R*{claimNumber}-2",
        };
        body.Add($"SE*{body.Count + 1}*0001");
        return "ISA*00*          *00*          *ZZ*LHP01          *ZZ*TACTUSDEMO     *261130*0900*^*00501*000000901*0*T*:~"
            + "GS*HP*LHP01*TACTUSDEMO*20261130*0900*901*X*005010X221A1~" + string.Join("~", body) + "~GE*1*901~IEA*1*000000901~";
    }

    [GeneratedRegex(@"~CLM\*([A-Z0-9]+)\*")]
    private static partial Regex ClaimNumber();

    [GeneratedRegex(@"~DTP\*472\*D8\*(\d{8})~")]
    private static partial Regex ServiceDate();
}
