using PdfSharp.Pdf;
using Tactus.Web.Features.Claims.X12;
using Tactus.Web.Features.Reports;

namespace Tactus.Web.Features.Claims;

/// <summary>
/// A readable copy of a claim in CMS-1500 (02/12) box order (clinical.md §2.6), for the payers that take paper (workers'
/// compensation, auto) and for the patient's or an auditor's file. It is not the red OCR form itself: a payer that scans
/// paper claims needs the data printed on that form. Rendered from the same ClaimDocument as the 837P, so both agree.
/// </summary>
public static class ClaimPdf
{
    private const string PointerLetters = "ABCDEFGHIJKL";

    public static string FileName(ClaimDocument claim) => $"claim-{claim.ClaimNumber}-cms1500-copy.pdf";

    public static byte[] Render(ClaimDocument claim, BillingProviderParty provider, DateOnly printedOn)
    {
        ReportFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Claim {claim.ClaimNumber}";
        document.Info.Creator = "Tactus";
        var patient = claim.Patient ?? claim.Subscriber.Person;
        var insured = claim.Subscriber.Person;
        using (var pdf = new PdfLayout(document, $"{provider.Name} · claim {claim.ClaimNumber} · confidential health information"))
        {
            pdf.Text($"Health insurance claim {claim.ClaimNumber}", pdf.Title, 2);
            pdf.Text("A copy in CMS-1500 (02/12) box order, printed " + printedOn.ToString("yyyy-MM-dd")
                + ". Not the red OCR form: a payer that scans paper claims needs these data on that form.", pdf.Small, 8);
            pdf.Text($"Carrier: {claim.PayerName} (payer id {claim.PayerId})", pdf.Bold, 6);

            pdf.Section("Patient and insured (boxes 1–13)");
            pdf.Table(["Box", "Item", "Entry"], [
                ["1", "Programme / claim filing indicator", claim.Subscriber.ClaimFilingIndicator],
                ["1a", "Insured's ID number", claim.Subscriber.MemberId],
                ["2", "Patient's name", $"{patient.FamilyName}, {patient.GivenName}"],
                ["3", "Patient's birth date, sex", $"{patient.BirthDate:yyyy-MM-dd} {patient.Sex}"],
                ["4", "Insured's name", $"{insured.FamilyName}, {insured.GivenName}"],
                ["5", "Patient's address", Address(patient)],
                ["6", "Patient relationship to insured", Relationship(claim.Subscriber.RelationshipCode)],
                ["7", "Insured's address", Address(insured)],
                ["11", "Insured's group number", claim.Subscriber.GroupNumber ?? ""],
                ["11d", "Another health benefit plan?", claim.PriorPayer is null ? "Not shown on this claim" : $"Yes: {claim.PriorPayer.PayerName}"],
                ["12–13", "Signatures", "Signature on file"],
            ], [0.08, 0.36, 0.56]);

            pdf.Section("Claim (boxes 17–23)");
            pdf.Table(["Box", "Item", "Entry"], [
                ["17", "Referring provider (qualifier DN)", claim.Referring is { } r ? $"DN {r.GivenName} {r.FamilyName}" : ""],
                ["17b", "Referring provider NPI", claim.Referring?.Npi ?? ""],
                ["21", "Diagnoses (ICD indicator 0 = ICD-10-CM)", "0 · " + string.Join("  ", claim.Diagnoses.Select((d, i) => $"{PointerLetters[i]}. {d}"))],
                ["22", "Resubmission code, original ref.", claim.FrequencyCode == "1" ? "" : $"{claim.FrequencyCode} · {claim.OriginalPayerControlNumber}"],
                ["23", "Prior authorisation number", claim.AuthorizationNumber ?? ""],
            ], [0.08, 0.36, 0.56]);

            pdf.Section("Services (box 24)");
            pdf.Table(["24A Date", "24B POS", "24D Code, modifiers", "24E Pointer", "24F Charge", "24G Units", "24J Rendering NPI"],
                [.. claim.Lines.Select(l => (IReadOnlyList<string>)[
                    l.ServiceDate.ToString("yyyy-MM-dd"), claim.PlaceOfService, string.Join(" ", new[] { l.Code }.Concat(l.Modifiers)),
                    string.Concat(l.DiagnosisPointers.Select(p => PointerLetters[p - 1])), l.Charge.ToString("0.00"), l.Units.ToString(), claim.Rendering.Npi])],
                [0.14, 0.08, 0.2, 0.12, 0.14, 0.1, 0.22]);

            pdf.Section("Provider and totals (boxes 25–33)");
            pdf.Table(["Box", "Item", "Entry"], [
                ["25", "Federal tax ID (EIN)", provider.TaxId],
                ["26", "Patient's account number", claim.ClaimNumber],
                ["27", "Accept assignment", "Yes"],
                ["28", "Total charge", claim.TotalCharge.ToString("0.00")],
                ["29", "Amount paid by other payers", claim.PriorPayer?.Paid.ToString("0.00") ?? "0.00"],
                ["31", "Signature of physician or supplier", $"{claim.Rendering.GivenName} {claim.Rendering.FamilyName}, signature on file, {printedOn:yyyy-MM-dd}"],
                ["32", "Service facility location", $"{provider.Name}, {provider.AddressLine}, {provider.City} {provider.State} {provider.PostalCode}"],
                ["33", "Billing provider, phone", $"{provider.Name}, {provider.AddressLine}, {provider.City} {provider.State} {provider.PostalCode}, {provider.ContactPhone}"],
                ["33a", "Billing provider NPI", provider.Npi],
            ], [0.08, 0.36, 0.56]);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Address(PersonParty person) =>
        person.AddressLine is null ? "" : $"{person.AddressLine}, {person.City} {person.State} {person.PostalCode}";

    private static string Relationship(string code) => code switch
    {
        "18" => "Self",
        "01" => "Spouse",
        "19" => "Child",
        _ => "Other",
    };
}
