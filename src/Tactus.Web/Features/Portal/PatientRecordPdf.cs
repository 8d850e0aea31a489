using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;
using Tactus.Web.Data;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Reports;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// The patient's own record as a PDF to keep (issue 13 §4; HIPAA right of access, 45 CFR 164.524): who they are,
/// their diagnoses, their plan's goals, each visit with its techniques, minutes and pain before and after, and their
/// questionnaire scores. It is read through the patient's own scope (the query filters), so it holds nothing of anyone else.
/// </summary>
public static class PatientRecordPdf
{
    public sealed record Visit(DateOnly Date, int PainBefore, int? PainAfter, int Minutes, string Techniques);

    public sealed record Score(DateOnly Date, string Instrument, decimal? Total, string? Band);

    public sealed record Record(Patient Patient, IReadOnlyList<string> Goals, IReadOnlyList<Visit> Visits, IReadOnlyList<Score> Scores);

    public static async Task<Record?> LoadAsync(TactusDbContext db, Guid patientId, CancellationToken cancellationToken)
    {
        if (await db.Patients.FindWithDetailsAsync(patientId, cancellationToken) is not { } patient)
        {
            return null;
        }

        var goals = (await db.Plans.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.CreatedAt).Take(1).ToListAsync(cancellationToken))
            .SelectMany(p => p.Goals).Select(g => g.Description + (g.Target is { } t ? $" (target {t})" : "")).ToList();
        var signed = SessionStatus.Signed;
        var visits = (await db.TreatmentSessions.AsNoTracking().Where(s => s.PatientId == patientId && s.Status == signed)
                .OrderBy(s => s.SessionDate).ThenBy(s => s.VisitOfDay).ToListAsync(cancellationToken))
            .Select(s => new Visit(s.SessionDate, s.CheckIn.PainBefore, s.Note.PainAfter, s.Note.TotalMinutes,
                string.Join(", ", s.Note.Techniques.Select(t => t.Technique).Distinct()))).ToList();
        var scores = (await db.MeasureResponses.AsNoTracking().Where(r => r.PatientId == patientId).OrderBy(r => r.CompletedAt).ToListAsync(cancellationToken))
            .Select(r => new Score(DateOnly.FromDateTime(r.CompletedAt.UtcDateTime), r.Instrument, r.Total, r.Band)).ToList();
        return new Record(patient, goals, visits, scores);
    }

    public static byte[] Render(Record record, string organizationName, DateOnly printedOn)
    {
        ReportFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Health record of {record.Patient.FullName}";
        document.Info.Creator = "Tactus";
        using (var pdf = new PdfLayout(document, $"{organizationName} · your record · confidential"))
        {
            var p = record.Patient;
            pdf.Text("Your record", pdf.Title, 2);
            pdf.Text($"{organizationName}. Printed {printedOn:yyyy-MM-dd}.", pdf.Small, 8);
            pdf.Text($"{p.FullName}, born {p.BirthDate:yyyy-MM-dd}, record number {p.Mrn}", pdf.Bold, 8);
            pdf.Section("Diagnoses");
            pdf.Text(p.Conditions.Count == 0 ? "None recorded." : string.Join("; ", p.Conditions.Select(c => $"{c.Code} {c.Display}")), pdf.Body, 6);
            pdf.Section("Goals of your plan");
            pdf.Text(record.Goals.Count == 0 ? "No plan yet." : string.Join("; ", record.Goals), pdf.Body, 6);
            pdf.Section("Visits");
            pdf.Table(["Date", "Techniques", "Minutes", "Pain before", "Pain after"],
                [.. record.Visits.Select(v => (IReadOnlyList<string>)[v.Date.ToString("yyyy-MM-dd"), v.Techniques, v.Minutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    v.PainBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), v.PainAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""])],
                [0.15, 0.45, 0.12, 0.14, 0.14]);
            pdf.Section("Questionnaires");
            pdf.Table(["Date", "Questionnaire", "Score", "Band"],
                [.. record.Scores.Select(s => (IReadOnlyList<string>)[s.Date.ToString("yyyy-MM-dd"), s.Instrument, s.Total?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "", s.Band ?? ""])],
                [0.18, 0.32, 0.2, 0.3]);
            pdf.Text("Your therapists' full notes are part of your record too; ask the clinic for a copy.", pdf.Small);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
