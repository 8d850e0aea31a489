using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Outcomes;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Protocols;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Features.Utilisation;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Research;

/// <summary>
/// A de-identified dataset by HIPAA Safe Harbor (issue 14 §4; 45 CFR 164.514(b)(2), clinical.md §7), written as a ZIP of
/// CSV files and a data dictionary (CSV and Markdown) straight to the response: every table is read as one forward-only
/// query and written row by row, so memory stays flat at any size. Only the protocol's field groups are written; no name,
/// address, date finer than a year, contact, record number or free text is ever read into a column. Patients whose
/// latest health history withdrew data-use consent, and merged duplicates, are left out. Record ids become per-export
/// pseudonyms (a keyed hash under a random key discarded when the export ends).
/// </summary>
public sealed class DeIdentifiedExport(TactusDbContext db, ClinicalReference reference, SafeHarbor safeHarbor)
{
    public sealed record Counts(int Patients, int Episodes, int Sessions, int Scores, int MedicinesAndUse = 0);

    private readonly HashSet<string> _techniques = reference.Techniques.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

    public async Task<Counts> WriteAsync(Stream output, ResearchProtocol protocol, DateOnly today, CancellationToken cancellationToken)
    {
        var allowed = protocol.FieldsAllowed.Where(ResearchFields.IsKnown).ToHashSet(StringComparer.Ordinal);
        using var pseudonyms = new Pseudonyms();
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var counts = new Counts(0, 0, 0, 0);
        if (allowed.Contains(ResearchFields.Demographics))
        {
            counts = counts with { Patients = await WriteFileAsync(zip, "patients.csv", allowed, Patients(pseudonyms, today), cancellationToken) };
        }

        if (allowed.Contains(ResearchFields.Episodes))
        {
            counts = counts with { Episodes = await WriteFileAsync(zip, "episodes.csv", allowed, Episodes(pseudonyms, allowed), cancellationToken) };
        }

        if (allowed.Contains(ResearchFields.Sessions))
        {
            counts = counts with { Sessions = await WriteFileAsync(zip, "sessions.csv", allowed, Sessions(pseudonyms), cancellationToken) };
        }

        if (allowed.Contains(ResearchFields.Scores))
        {
            counts = counts with { Scores = await WriteFileAsync(zip, "scores.csv", allowed, Scores(pseudonyms), cancellationToken) };
        }

        if (allowed.Contains(ResearchFields.MedicinesAndUse))
        {
            counts = counts with
            {
                MedicinesAndUse = await WriteFileAsync(zip, "medicines-use.csv", allowed, MedicinesAndUse(pseudonyms, today, cancellationToken), cancellationToken),
            };
        }

        await WriteTextAsync(zip, "data-dictionary.csv", DataDictionary.Csv(allowed), cancellationToken);
        await WriteTextAsync(zip, "data-dictionary.md", DataDictionary.Markdown(protocol, allowed, counts, safeHarbor.ZipListVersion, today), cancellationToken);
        return counts;
    }

    /// <summary>The cohort: patients referred (a referral sent), not merged away, whose latest health history consents to data use.</summary>
    private IQueryable<Patient> Cohort() =>
        db.Patients.Where(p => p.MergedIntoId == null
            && db.Referrals.Any(r => r.PatientId == p.Id && r.Status != ReferralStatus.Draft)
            && db.Intakes.Where(i => i.PatientId == p.Id).OrderByDescending(i => i.RecordedAt).Select(i => (bool?)i.ConsentToDataUse).FirstOrDefault() == true);

    private async IAsyncEnumerable<string[]> Patients(Pseudonyms pseudonyms, DateOnly today)
    {
        var rows = Cohort().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.BirthDate, p.Sex, p.State, p.PostalCode })
            .TagWith(ReadAuditGuard.DeIdentifiedExport).AsAsyncEnumerable();
        await foreach (var p in rows)
        {
            yield return [pseudonyms.For(p.Id), SafeHarbor.BirthYear(p.BirthDate, today), SafeHarbor.Age(p.BirthDate, today),
                p.Sex.ToString().ToLowerInvariant(), Csv.Text(State(p.State)), safeHarbor.Zip3(p.PostalCode)];
        }
    }

    private async IAsyncEnumerable<string[]> Episodes(Pseudonyms pseudonyms, IReadOnlySet<string> allowed)
    {
        var cohort = Cohort();
        var sessions = db.TreatmentSessions;
        var rows = db.Referrals.Where(r => r.Status != ReferralStatus.Draft && cohort.Any(p => p.Id == r.PatientId)).OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.PatientId, r.CreatedAt, r.Status, r.Urgency, r.VisitsRequested,
                Signed = sessions.Count(s => s.ReferralId == r.Id && s.Status == SessionStatus.Signed),
                Codes = r.Diagnoses.OrderBy(d => d.Rank).Select(d => d.Code).ToList(),
            })
            .TagWith(ReadAuditGuard.DeIdentifiedExport).AsAsyncEnumerable();
        var withDiagnoses = allowed.Contains(ResearchFields.Diagnoses);
        await foreach (var r in rows)
        {
            string[] row = [pseudonyms.For(r.Id), pseudonyms.For(r.PatientId), SafeHarbor.Year(DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)),
                Referral.Describe(r.Status).ToLowerInvariant(), r.Urgency.ToString().ToLowerInvariant(),
                Csv.Number(r.VisitsRequested), Csv.Number(r.Signed)];
            yield return withDiagnoses ? [.. row, Csv.Text(string.Join(';', r.Codes)), Csv.Text(string.Join(';', Conditions(r.Codes)))] : row;
        }
    }

    private async IAsyncEnumerable<string[]> Sessions(Pseudonyms pseudonyms)
    {
        var cohort = Cohort();
        var rows = db.TreatmentSessions.Where(s => s.Status == SessionStatus.Signed && cohort.Any(p => p.Id == s.PatientId))
            .OrderBy(s => s.ReferralId).ThenBy(s => s.SessionDate).ThenBy(s => s.VisitOfDay)
            .Select(s => new { s.ReferralId, s.PatientId, s.SessionDate, s.CheckIn, s.Note, s.WorstAdverseEvent })
            .TagWith(ReadAuditGuard.DeIdentifiedExport).AsAsyncEnumerable();
        Guid? episode = null;
        var visit = 0;
        await foreach (var s in rows)
        {
            visit = s.ReferralId == episode ? visit + 1 : 1;
            episode = s.ReferralId;
            // Only numbers and reference ids leave the note: its subjective, objective, assessment, plan, response and
            // adverse-event descriptions are free text and are never written.
            yield return [pseudonyms.For(s.ReferralId), pseudonyms.For(s.PatientId), SafeHarbor.Year(s.SessionDate), Csv.Number(visit),
                Csv.Number(s.Note.TotalMinutes), Csv.Text(string.Join(';', s.Note.Techniques.Select(t => t.Technique).Distinct().Where(_techniques.Contains))),
                Csv.Number(s.CheckIn.PainBefore), Csv.Number(s.Note.PainAfter), Csv.Number(s.CheckIn.StressBefore), Csv.Number(s.Note.StressAfter),
                s.WorstAdverseEvent?.ToString().ToLowerInvariant() ?? "none"];
        }
    }

    private async IAsyncEnumerable<string[]> Scores(Pseudonyms pseudonyms)
    {
        var cohort = Cohort();
        var rows = db.MeasureResponses.Where(m => m.Total != null && cohort.Any(p => p.Id == m.PatientId))
            .OrderBy(m => m.PatientId).ThenBy(m => m.Instrument).ThenBy(m => m.CompletedAt)
            .Select(m => new { m.PatientId, m.Instrument, m.CompletedAt, m.Total, m.Band })
            .TagWith(ReadAuditGuard.DeIdentifiedExport).AsAsyncEnumerable();
        (Guid, string)? series = null;
        var number = 0;
        await foreach (var m in rows)
        {
            number = series == (m.PatientId, m.Instrument) ? number + 1 : 1;
            series = (m.PatientId, m.Instrument);
            yield return [pseudonyms.For(m.PatientId), Csv.Text(m.Instrument), SafeHarbor.Year(DateOnly.FromDateTime(m.CompletedAt.UtcDateTime)),
                Csv.Number(number), Csv.Number((double?)m.Total), Csv.Text(m.Band)];
        }
    }

    /// <summary>
    /// Each episode's opioids and health-care use (issue 14 §2) as figures with no date: MME/day on the referral's day and
    /// at the last signed visit, and use in the window either side of the referral, worked out in SQL as the outcome
    /// report works them out (the window after stays empty until it has closed).
    /// </summary>
    private async IAsyncEnumerable<string[]> MedicinesAndUse(Pseudonyms pseudonyms, DateOnly today, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var window = (await db.ProgrammeCostSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.UtilisationWindowDays ?? ProgrammeCostSettings.DefaultWindowDays;
        var priced = UtilisationCosts.Priced(await db.UtilisationPrices.AsNoTracking().ToDictionaryAsync(p => p.Kind, p => p.Amount, cancellationToken));
        var closedBefore = today.AddDays(-window);
        var cohort = Cohort();
        var statements = db.OpioidStatements;
        var events = db.UtilisationEvents;
        var signed = db.TreatmentSessions.Where(s => s.Status == SessionStatus.Signed);
        var rows = db.Referrals.Where(r => r.Status != ReferralStatus.Draft && cohort.Any(p => p.Id == r.PatientId)).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.PatientId, r.ReferredOn, LastVisit = signed.Where(s => s.ReferralId == r.Id).Max(s => (DateOnly?)s.SessionDate) })
            .Select(r => new
            {
                r.Id, r.PatientId, r.LastVisit,
                Closed = r.ReferredOn <= closedBefore,
                RecordsOpioids = statements.Any(o => o.PatientId == r.PatientId),
                MmeAtReferral = statements.Where(o => o.PatientId == r.PatientId && o.TakenFrom <= r.ReferredOn && (o.TakenUntil == null || o.TakenUntil >= r.ReferredOn))
                    .Sum(o => o.MmePerDay) ?? 0,
                MmeAtLastVisit = statements.Where(o => o.PatientId == r.PatientId && o.TakenFrom <= r.LastVisit && (o.TakenUntil == null || o.TakenUntil >= r.LastVisit))
                    .Sum(o => o.MmePerDay) ?? 0,
                EventsBefore = events.Count(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn.AddDays(-window) && e.OccurredOn < r.ReferredOn),
                EventsAfter = events.Count(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn && e.OccurredOn < r.ReferredOn.AddDays(window)),
                CostBefore = events.Where(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn.AddDays(-window) && e.OccurredOn < r.ReferredOn).Sum(priced),
                CostAfter = events.Where(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn && e.OccurredOn < r.ReferredOn.AddDays(window)).Sum(priced),
            })
            .TagWith(ReadAuditGuard.DeIdentifiedExport).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return [pseudonyms.For(r.Id), pseudonyms.For(r.PatientId),
                r.RecordsOpioids ? Csv.Number((double)r.MmeAtReferral, 2) : "", r.RecordsOpioids && r.LastVisit is not null ? Csv.Number((double)r.MmeAtLastVisit, 2) : "",
                Csv.Number(window), Csv.Number(r.EventsBefore), r.Closed ? Csv.Number(r.EventsAfter) : "",
                Csv.Number(r.CostBefore, 2), r.Closed ? Csv.Number(r.CostAfter, 2) : ""];
        }
    }

    private IEnumerable<string> Conditions(IReadOnlyList<string> codes) =>
        reference.Protocols.Where(p => p.Icd10Prefixes.Any(prefix => codes.Any(c => c.StartsWith(ContraindicationEngine.NormalizeCode(prefix), StringComparison.Ordinal))))
            .Select(p => p.Id);

    /// <summary>A state is kept only as a two-letter code; anything else typed there could be a place smaller than a state.</summary>
    private static string State(string? state) =>
        state is { Length: 2 } code && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : "";

    private static async Task<int> WriteFileAsync(ZipArchive zip, string name, IReadOnlySet<string> allowed, IAsyncEnumerable<string[]> rows,
        CancellationToken cancellationToken)
    {
        var header = ResearchFields.For(name, allowed).Select(c => c.Name).ToList();
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await writer.WriteAsync(Csv.Line(header));
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Length != header.Count)
            {
                throw new InvalidOperationException($"{name}: a row of {row.Length} fields under a header of {header.Count}.");
            }

            await writer.WriteAsync(Csv.Line(row));
            count++;
        }

        return count;
    }

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
    }

    /// <summary>
    /// Per-export ids: HMAC-SHA256 of the record id under a random key that lives only as long as this export, so ids
    /// agree across the export's files, differ between exports, and cannot be traced back once the key is gone
    /// (164.514(c)). A record id is a version 7 GUID that carries its creation time, so it is never written as is.
    /// </summary>
    private sealed class Pseudonyms : IDisposable
    {
        private readonly HMACSHA256 _hmac = new(RandomNumberGenerator.GetBytes(32));
        private readonly byte[] _id = new byte[16];
        private readonly byte[] _hash = new byte[32];

        public string For(Guid id)
        {
            id.TryWriteBytes(_id);
            _hmac.TryComputeHash(_id, _hash, out _);
            return Convert.ToHexStringLower(_hash.AsSpan(0, 10));
        }

        public void Dispose() => _hmac.Dispose();
    }
}
