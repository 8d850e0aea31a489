using Tactus.Web.Features.Claims.X12;

namespace Tactus.Tests.Features.Claims;

/// <summary>
/// The 837P (005010X222A1) parsed back segment by segment: envelope and segment counts, control numbers,
/// hierarchy and every loop clinical.md §2.7 lists; and a golden file for a fixed two-claim set.
/// </summary>
public sealed class Claim837WriterTests
{
    private static readonly BillingProviderParty Provider = new("Riverside Integrative Health", "1987654328", "123456789", "100 River St", "Portland", "OR",
        "972010001", "Billing Desk", "503-555-0100", "TACTUSDEMO", "Demo Clearinghouse", "DEMOCLEARING");

    private static readonly ClaimDocument SelfSubscriber = new("TC1001", 140m, "11", ["M54.50", "M62.830"],
        new SubscriberParty("P", "18", "GRP100", "CI", "LHP55501234", new PersonParty("Doe", "Jane", new DateOnly(1980, 1, 1), "F", "200 Oak Ave", "Portland", "OR", "97204")),
        null, "Lakeside Health Plan", "LHP01", new ProviderParty("Okafor", "Samuel", "1234567893"), new ProviderParty("Weber", "Jonas", "1245319599"), "AUTH-7741",
        [
            new ServiceLineDocument(1, "TC1001-1", "97124", ["XS"], 90m, 2, [1, 2], new DateOnly(2026, 11, 13)),
            new ServiceLineDocument(2, "TC1001-2", "97140", [], 50m, 1, [1], new DateOnly(2026, 11, 13)),
        ]);

    private static readonly ClaimDocument ChildOfSubscriber = new("TC1002", 32.5m, "11", ["G44.209"],
        new SubscriberParty("P", "19", null, "MB", "1EG4TE5MK73", new PersonParty("Roe", "Richard", new DateOnly(1975, 3, 9), "M", "9 Elm St", "Salem", "OR", "97301")),
        new PersonParty("Roe", "Rita", new DateOnly(2010, 6, 2), "F", "9 Elm St", "Salem", "OR", "97301"),
        "Medicare Part B", "MCRDEMO", null, new ProviderParty("Weber", "Jonas", "1245319599"), null,
        [new ServiceLineDocument(1, "TC1002-1", "97140", ["GP"], 32.5m, 1, [1], new DateOnly(2026, 11, 20))]);

    private static readonly InterchangeHeader Header = new("TACTUSDEMO", "DEMOCLEARING", 42, new DateTime(2026, 11, 27, 10, 30, 0), "T", X12Separators.Standard);

    private static IReadOnlyList<X12Segment> Segments(string file) => X12Reader.Read(file).Segments;

    [Fact]
    public void TwoClaims_MatchTheGoldenFile()
    {
        var file = Claim837Writer.Write(Header, Provider, [SelfSubscriber, ChildOfSubscriber]);

        var readable = file.Replace("~", "~\n", StringComparison.Ordinal).Trim();
        if (Environment.GetEnvironmentVariable("TACTUS_UPDATE_GOLDEN") is { } sourceDirectory)
        {
            // Regenerating is a deliberate act: set the variable to the test project's folder, then review the diff.
            File.WriteAllText(Path.Combine(sourceDirectory, "Features", "Claims", "Golden", "two-claims.837p.x12"), readable + "\n");
        }

        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Claims", "Golden", "two-claims.837p.x12")).Trim();
        Assert.Equal(golden, readable);
    }

    [Fact]
    public void Envelope_IsaIsFixedWidth_ControlNumbersAndCountsAgree()
    {
        var file = Claim837Writer.Write(Header, Provider, [SelfSubscriber, ChildOfSubscriber]);
        var segments = Segments(file);

        Assert.Equal('~', file[X12Reader.IsaLength - 1]);
        var isa = segments[0];
        Assert.Equal("000000042", isa[13]);
        Assert.Equal(15, isa[6].Length);
        Assert.Equal(15, isa[8].Length);
        Assert.Equal(("HC", "005010X222A1"), (segments[1][1], segments[1][8]));
        var st = segments.Single(s => s.Id == "ST");
        var se = segments.Single(s => s.Id == "SE");
        var inTransaction = segments.SkipWhile(s => s.Id != "ST").TakeWhile(s => s.Id != "SE").Count() + 1;
        Assert.Equal(inTransaction.ToString(System.Globalization.CultureInfo.InvariantCulture), se[1]);
        Assert.Equal(st[2], se[2]);
        Assert.Equal(("1", segments[1][6]), (segments.Single(s => s.Id == "GE")[1], segments.Single(s => s.Id == "GE")[2]));
        Assert.Equal(("1", isa[13]), (segments[^1][1], segments[^1][2]));
    }

    [Fact]
    public void EveryRequiredLoop_IsPresent_InHierarchy()
    {
        var segments = Segments(Claim837Writer.Write(Header, Provider, [SelfSubscriber, ChildOfSubscriber]));
        string Key(X12Segment s) => s.Id is "NM1" or "HL" or "REF" or "DTP" ? $"{s.Id}*{(s.Id == "HL" ? s[3] : s[1])}" : s.Id;
        var keys = segments.Select(Key).ToList();

        foreach (var required in new[] { "BHT", "NM1*41", "PER", "NM1*40", "HL*20", "NM1*85", "N3", "N4", "REF*EI", "HL*22", "SBR", "NM1*IL", "DMG",
                     "NM1*PR", "HL*23", "PAT", "NM1*QC", "CLM", "HI", "REF*G1", "NM1*DN", "NM1*82", "LX", "SV1", "DTP*472", "REF*6R" })
        {
            Assert.Contains(required, keys);
        }

        var hls = segments.Where(s => s.Id == "HL").ToList();
        Assert.Equal(["1", "2", "3", "4"], hls.Select(h => h[1]));
        Assert.Equal(["", "1", "1", "3"], hls.Select(h => h[2]));
        Assert.Equal(["1", "0", "1", "0"], hls.Select(h => h[4]));
        Assert.Equal("18", segments.First(s => s.Id == "SBR")[2]);
        Assert.Equal("", segments.Last(s => s.Id == "SBR")[2]);
        Assert.Equal("19", segments.Single(s => s.Id == "PAT")[1]);
    }

    [Fact]
    public void ClaimAndLines_CarryChargesUnitsModifiersPointersAndUndottedDiagnoses()
    {
        var segments = Segments(Claim837Writer.Write(Header, Provider, [SelfSubscriber]));

        var clm = segments.Single(s => s.Id == "CLM");
        Assert.Equal(("TC1001", "140", "11:B:1"), (clm[1], clm[2], clm[5]));
        Assert.Equal(["HI", "ABK:M5450", "ABF:M62830"], segments.Single(s => s.Id == "HI").Elements);
        var lines = segments.Where(s => s.Id == "SV1").ToList();
        Assert.Equal(("HC:97124:XS", "90", "UN", "2", "1:2"), (lines[0][1], lines[0][2], lines[0][3], lines[0][4], lines[0][7]));
        Assert.Equal(("HC:97140", "50", "1", "1"), (lines[1][1], lines[1][2], lines[1][4], lines[1][7]));
        Assert.Equal(140m, lines.Sum(l => decimal.Parse(l[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["20261113", "20261113"], segments.Where(s => s.Id == "DTP").Select(s => s[3]));
    }

    [Fact]
    public void ConfiguredSeparators_AreUsed_AndDataNeverContainsThem()
    {
        var separators = new X12Separators('|', '>', '!', '\n');
        var provider = Provider with { Name = "Riverside | Health > Care" };

        var file = Claim837Writer.Write(Header with { Separators = separators }, provider, [SelfSubscriber]);
        var (read, segments) = X12Reader.Read(file);

        Assert.Equal(separators, read);
        Assert.Equal("RIVERSIDE  HEALTH  CARE", segments.First(s => s.Id == "NM1" && s[1] == "85")[3]);
        Assert.Equal("HC>97124>XS", segments.First(s => s.Id == "SV1")[1]);
    }

    [Fact]
    public void SecondaryClaim_CarriesThePrimarysAdjudication_InLoops2320_2330_And2430()
    {
        var primarySubscriber = SelfSubscriber.Subscriber;
        var secondary = SelfSubscriber with
        {
            Subscriber = primarySubscriber with { PayerResponsibility = "S", ClaimFilingIndicator = "WC", MemberId = "CWC-9001", GroupNumber = null },
            PayerName = "Cascade Workers' Compensation", PayerId = "CWC77",
            PriorPayer = new PriorPayerDocument(primarySubscriber, "Lakeside Health Plan", "LHP01", 89.6m, new DateOnly(2026, 11, 30),
            [
                new PriorLinePayment(1, "97124", ["XS"], 57.6m, 2, [("CO", "45", 18m), ("PR", "2", 14.4m)]),
                new PriorLinePayment(2, "97140", [], 32m, 1, [("CO", "45", 10m), ("PR", "1", 3m), ("PR", "2", 5m)]),
            ]),
        };

        var segments = Segments(Claim837Writer.Write(Header, Provider, [secondary]));
        var ids = segments.Select(s => s.Id is "NM1" or "SBR" or "AMT" ? $"{s.Id}*{s[1]}" : s.Id).ToList();

        Assert.Equal(["SBR*S", "SBR*P"], ids.Where(i => i.StartsWith("SBR", StringComparison.Ordinal)));
        var afterRendering = ids.SkipWhile(i => i != "NM1*82").Skip(1).TakeWhile(i => i != "LX").ToList();
        Assert.Equal(["SBR*P", "AMT*D", "OI", "NM1*IL", "NM1*PR"], afterRendering);
        var firstLine = ids.SkipWhile(i => i != "LX").Skip(1).TakeWhile(i => i != "LX").ToList();
        Assert.Equal(["SV1", "DTP", "REF", "SVD", "CAS", "CAS", "DTP"], firstLine);
        Assert.Equal("CAS*PR*1*3**2*5", string.Join("*", segments.Last(s => s.Id == "CAS").Elements));
        Assert.Equal(["20261130", "20261130"], segments.Where(s => s.Id == "DTP" && s[1] == "573").Select(s => s[3]));
    }

    /// <summary>005010X222A1 loop 2310B: PRV*PE*PXC*taxonomy follows the rendering provider's NM1*82 when the payer requires it, and only then.</summary>
    [Fact]
    public void RenderingTaxonomy_IsSentAsPrvInLoop2310B_WhenTheDocumentCarriesIt()
    {
        var withTaxonomy = SelfSubscriber with { Rendering = SelfSubscriber.Rendering with { Taxonomy = "225700000X" } };

        var sent = Segments(Claim837Writer.Write(Header, Provider, [withTaxonomy])).ToList();
        var withheld = Segments(Claim837Writer.Write(Header, Provider, [SelfSubscriber]));

        var rendering = sent.FindIndex(s => s.Id == "NM1" && s[1] == "82");
        Assert.Equal("PRV*PE*PXC*225700000X", string.Join("*", sent[rendering + 1].Elements));
        Assert.DoesNotContain(withheld, s => s.Id == "PRV");
    }

    [Fact]
    public void ClaimTotal_ThatIsNotTheSumOfItsLines_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Claim837Writer.Write(Header, Provider, [SelfSubscriber with { TotalCharge = 190m }]));

    [Fact]
    public void InvalidSeparators_AreRecognised() =>
        Assert.False(new X12Separators('*', '*', '^', '~').AreValid());
}
