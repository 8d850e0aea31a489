using System.Globalization;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Claims.X12;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// Reads an X12 835 (005010X221A1) and proves it whole before anything is posted. An interchange may carry several
/// transaction sets (ST/SE), each one payment with its own BPR and TRN: every envelope control number and count
/// must match (ISA/IEA, each GS/GE, each ST/SE), and every payment must balance on its own as clinical.md §2.8
/// states — per service SVC02 − ΣCAS = SVC03, per claim CLP03 − ΣCAS = CLP04, per payment BPR02 = ΣCLP04 − ΣPLB.
/// Anything else is a FormatException saying what is wrong, and the whole file is refused.
/// </summary>
[PureEngine]
public static class Remittance835Parser
{
    /// <summary>Every payment (transaction set) in the interchange, in file order.</summary>
    public static IReadOnlyList<Remittance835> Parse(string text)
    {
        var (separators, segments) = X12Reader.Read(text);
        return [.. TransactionSets(segments).Select(set => ParsePayment(set, separators.Component))];
    }

    private static Remittance835 ParsePayment(IReadOnlyList<X12Segment> segments, char c)
    {
        var control = segments[0][2];
        var bpr = Required(segments, "BPR", $"transaction set {control}: the BPR payment segment");
        var trn = Required(segments, "TRN", $"transaction set {control}: the TRN trace number");
        var payerName = segments.FirstOrDefault(s => s.Id == "N1" && s[1] == "PR")?[2] ?? "";
        var claims = new List<ClaimPayment>();
        var plb = 0m;
        ClaimBuilder? claim = null;
        ServiceBuilder? service = null;
        foreach (var segment in segments)
        {
            switch (segment.Id)
            {
                case "CLP":
                    Close();
                    claim = new ClaimBuilder(segment[1], segment[2], Amount(segment[3], "CLP03"), Amount(segment[4], "CLP04"),
                        segment[5].Length > 0 ? Amount(segment[5], "CLP05") : 0m, segment[7].Length > 0 ? segment[7] : null);
                    break;
                case "NM1" when claim is not null && service is null && segment[1] == "QC":
                    claim.Patient = $"{segment[4]} {segment[3]}".Trim();
                    break;
                case "SVC" when claim is not null:
                    CloseService();
                    var procedure = segment.Components(1, c);
                    service = new ServiceBuilder(procedure.ElementAtOrDefault(1) ?? "", procedure.Skip(2).ToList(), Amount(segment[2], "SVC02"),
                        Amount(segment[3], "SVC03"), segment[5].Length > 0 ? Amount(segment[5], "SVC05") : 1m);
                    break;
                case "CAS":
                    var adjustments = Adjustments(segment);
                    (service?.Adjustments ?? claim?.Adjustments ?? throw new FormatException("A CAS adjustment appears before any claim (CLP)."))
                        .AddRange(adjustments);
                    break;
                case "DTM" when service is not null && segment[1] == "472":
                    service.ServiceDate = DateOnly.TryParseExact(segment[2], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                        : throw new FormatException($"Service date '{segment[2]}' is not yyyymmdd.");
                    break;
                case "REF" when service is not null && segment[1] == "6R":
                    service.ControlNumber = segment[2];
                    break;
                case "AMT" when service is not null && segment[1] == "B6":
                    service.Allowed = Amount(segment[2], "AMT02");
                    break;
                case "LQ" when service is not null && segment[1] == "HE":
                    service.Remarks.Add(segment[2]);
                    break;
                case "PLB":
                    Close();
                    for (var i = 3; i + 1 < segment.Elements.Count; i += 2)
                    {
                        plb += Amount(segment[i + 1], "PLB amount");
                    }

                    break;
                case "SE":
                    Close();
                    break;
            }
        }

        if (claims.Count == 0)
        {
            throw new FormatException($"Transaction set {control} holds no claim (CLP).");
        }

        var payment = Amount(bpr[2], "BPR02");
        var paid = claims.Sum(x => x.Paid);
        if (payment != paid - plb)
        {
            throw new FormatException($"Transaction set {control} does not balance: BPR02 is {payment:0.00} but its claims paid {paid:0.00} less provider adjustments {plb:0.00}.");
        }

        var paymentDate = DateOnly.TryParseExact(bpr[16], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
        if (trn[2].Length == 0)
        {
            throw new FormatException($"Transaction set {control}: TRN02, the trace number, is empty.");
        }

        return new Remittance835(payment, bpr[4], paymentDate, trn[2], payerName, claims, plb, trn[3], control);

        void CloseService()
        {
            if (service is not null)
            {
                var s = service.Build();
                var adjusted = s.Adjustments.Sum(a => a.Amount);
                if (s.Charge - adjusted != s.Paid)
                {
                    throw new FormatException($"Claim {claim!.Number}, service {s.Code}: charge {s.Charge:0.00} less adjustments {adjusted:0.00} is not the paid {s.Paid:0.00}.");
                }

                claim!.Services.Add(s);
                service = null;
            }
        }

        void Close()
        {
            CloseService();
            if (claim is not null)
            {
                var built = claim.Build();
                var adjusted = built.Adjustments.Sum(a => a.Amount) + built.Services.Sum(s => s.Adjustments.Sum(a => a.Amount));
                if (built.Charge - adjusted != built.Paid)
                {
                    throw new FormatException($"Claim {built.ClaimNumber} does not balance: charge {built.Charge:0.00} less adjustments {adjusted:0.00} is not the paid {built.Paid:0.00}.");
                }

                claims.Add(built);
                claim = null;
            }
        }
    }

    /// <summary>
    /// Checks the envelopes and cuts the interchange into its transaction sets: ISA13 = IEA02 and IEA01 counts the
    /// groups; each GS06 = GE02 and GE01 counts its sets; each SE01 counts the set's segments and SE02 = ST02.
    /// </summary>
    private static List<IReadOnlyList<X12Segment>> TransactionSets(IReadOnlyList<X12Segment> segments)
    {
        var isa = segments[0];
        var iea = segments[^1].Id == "IEA" ? segments[^1] : throw new FormatException("The interchange is cut short: no IEA trailer.");
        if (iea[2] != isa[13])
        {
            throw new FormatException($"The IEA control number {iea[2]} does not match the ISA's {isa[13]}.");
        }

        var sets = new List<IReadOnlyList<X12Segment>>();
        var groups = 0;
        var index = 1;
        while (index < segments.Count - 1)
        {
            var gs = segments[index];
            if (gs.Id != "GS")
            {
                throw new FormatException($"Expected a functional group (GS) but found {gs.Id}.");
            }

            groups++;
            index++;
            var setsInGroup = 0;
            while (index < segments.Count - 1 && segments[index].Id == "ST")
            {
                var st = segments[index];
                if (st[1] != "835")
                {
                    throw new FormatException(st[1] == "837" ? "This is an 837 claim file, not an 835 remittance." : $"This is an X12 {st[1]} transaction, not an 835 remittance.");
                }

                var end = index;
                while (end < segments.Count && segments[end].Id is not ("SE" or "GE" or "IEA"))
                {
                    end++;
                }

                if (end >= segments.Count || segments[end].Id != "SE")
                {
                    throw new FormatException($"Transaction set {st[2]} has no SE trailer.");
                }

                var se = segments[end];
                var count = end - index + 1;
                if (se[1] != count.ToString(CultureInfo.InvariantCulture) || se[2] != st[2])
                {
                    throw new FormatException($"SE says {se[1]} segments (control {se[2]}) but transaction set {st[2]} has {count}.");
                }

                sets.Add([.. segments.Skip(index).Take(count)]);
                setsInGroup++;
                index = end + 1;
            }

            var ge = index < segments.Count ? segments[index] : null;
            if (ge?.Id != "GE" || ge[2] != gs[6])
            {
                throw new FormatException("A functional group (GS/GE) is cut short or its control numbers differ.");
            }

            if (ge[1] != setsInGroup.ToString(CultureInfo.InvariantCulture))
            {
                throw new FormatException($"GE says {ge[1]} transaction sets but the group holds {setsInGroup}.");
            }

            index++;
        }

        if (iea[1] != groups.ToString(CultureInfo.InvariantCulture))
        {
            throw new FormatException($"IEA says {iea[1]} functional groups but the interchange holds {groups}.");
        }

        return sets.Count > 0 ? sets : throw new FormatException("The file has no transaction set (ST).");
    }

    private static List<LineAdjustment> Adjustments(X12Segment cas)
    {
        var list = new List<LineAdjustment>();
        for (var i = 2; i + 1 < cas.Elements.Count; i += 3)
        {
            if (cas[i].Length == 0)
            {
                continue;
            }

            list.Add(new LineAdjustment(cas[1], cas[i], Amount(cas[i + 1], "CAS amount"), cas[i + 2].Length > 0 ? Amount(cas[i + 2], "CAS quantity") : null));
        }

        return list.Count > 0 ? list : throw new FormatException("A CAS segment has no reason code and amount.");
    }

    private static X12Segment Required(IReadOnlyList<X12Segment> segments, string id, string what) =>
        segments.FirstOrDefault(s => s.Id == id) ?? throw new FormatException($"The remittance has no {what}.");

    private static decimal Amount(string value, string where) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new FormatException($"{where} '{value}' is not an amount.");

    private sealed class ClaimBuilder(string number, string status, decimal charge, decimal paid, decimal patient, string? payerControl)
    {
        public string Number => number;
        public string? Patient { get; set; }
        public List<LineAdjustment> Adjustments { get; } = [];
        public List<ServicePayment> Services { get; } = [];

        public ClaimPayment Build() => new(number, status, charge, paid, patient, payerControl, Adjustments, Services, Patient);
    }

    private sealed class ServiceBuilder(string code, List<string> modifiers, decimal charge, decimal paid, decimal units)
    {
        public DateOnly? ServiceDate { get; set; }
        public string? ControlNumber { get; set; }
        public decimal? Allowed { get; set; }
        public List<LineAdjustment> Adjustments { get; } = [];
        public List<string> Remarks { get; } = [];

        public ServicePayment Build() => new(code, modifiers, charge, paid, units, ServiceDate, ControlNumber, Allowed, Adjustments, Remarks);
    }
}
