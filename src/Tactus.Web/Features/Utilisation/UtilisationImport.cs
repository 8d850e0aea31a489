using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Utilisation;

/// <summary>
/// Health-care use imported from the EHR (issue 14 §2): a FHIR R4 Bundle of the patient's Encounters, Procedures and
/// Claims, as the EHR's patient export gives it. An emergency encounter, and a procedure or claim line whose CPT code
/// <see cref="UtilisationCoding"/> recognises, become use on their day (a claim line with its net amount as the actual
/// cost); everything else is named as skipped, with why. One kind on one day counts once (an emergency encounter and its
/// claim are one visit; the claim's cost is kept). Importing the same bundle again adds nothing: each event remembers
/// the resource it came from. All of it is stored in one transaction, or none.
/// </summary>
public sealed class UtilisationImport(TactusDbContext db, AccessScope scope, UtilisationCoding coding, OrganizationClock clock, TimeProvider time)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public sealed record Skipped(string Resource, string Reason);

    public sealed record Result(int Imported, IReadOnlyList<UtilisationApi.EventDto> Events, IReadOnlyList<Skipped> Skipped);

    private sealed record Candidate(string Resource, UtilisationKind Kind, DateOnly Day, decimal? Cost);

    public async Task<Result?> ImportAsync(Guid patientId, string bundleJson, CancellationToken cancellationToken)
    {
        var (userId, patient) = await UtilisationRecords.RecorderAndPatientAsync(db, scope, patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var bundle = Parse(bundleJson);
        var today = clock.Date(time.GetUtcNow());
        var skipped = new List<Skipped>();
        var candidates = new List<Candidate>();
        foreach (var resource in bundle.Entry.Select(e => e.Resource).OfType<Resource>())
        {
            candidates.AddRange(Read(resource, skipped));
        }

        foreach (var future in candidates.Where(c => c.Day > today).ToList())
        {
            candidates.Remove(future);
            skipped.Add(new Skipped(future.Resource, "dated after today"));
        }

        // The patient's use already recorded, read (and so audited) as whole rows: a patient holds a handful.
        var known = await db.UtilisationEvents.AsNoTracking().Where(e => e.PatientId == patientId).ToListAsync(cancellationToken);
        var added = new List<UtilisationEvent>();
        // One kind on one day counts once: the line with a cost first, so an emergency visit keeps its claim's amount.
        foreach (var group in candidates.GroupBy(c => (c.Kind, c.Day)))
        {
            var ordered = group.OrderByDescending(c => c.Cost is not null).ToList();
            var first = ordered[0];
            foreach (var duplicate in ordered.Skip(1))
            {
                skipped.Add(new Skipped(duplicate.Resource, $"the same {UtilisationKinds.Label(duplicate.Kind).ToLowerInvariant()} on {duplicate.Day:yyyy-MM-dd} as {first.Resource}"));
            }

            if (known.Any(k => k.Source == SourceOf(first.Resource)))
            {
                skipped.Add(new Skipped(first.Resource, "imported before"));
                continue;
            }

            if (known.Any(k => k.Kind == first.Kind && k.OccurredOn == first.Day))
            {
                skipped.Add(new Skipped(first.Resource, $"a {UtilisationKinds.Label(first.Kind).ToLowerInvariant()} on that day is already recorded"));
                continue;
            }

            added.Add(new UtilisationEvent
            {
                OrganizationId = patient.OrganizationId, PatientId = patient.Id, Kind = first.Kind, OccurredOn = first.Day, Cost = first.Cost,
                Source = SourceOf(first.Resource), RecordedById = userId, RecordedAt = time.GetStorageNow(),
            });
        }

        db.UtilisationEvents.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return new Result(added.Count, added.OrderBy(e => e.OccurredOn).Select(UtilisationApi.EventDto.From).ToList(), skipped);
    }

    private static Bundle Parse(string json)
    {
        Resource? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Resource>(json, Fhir);
        }
        catch (DeserializationFailedException failed)
        {
            throw new DomainRuleException("invalid-bundle", "The bundle could not be read: " + string.Join(" ", failed.Exceptions.Select(e => e.Message).Take(3)),
                StatusCodes.Status400BadRequest);
        }
#pragma warning disable CA1031 // The parser is third-party code fed by a client: whatever it throws is the client's malformed input.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            throw new DomainRuleException("invalid-bundle", "The bundle could not be read: " + e.Message, StatusCodes.Status400BadRequest);
        }

        return parsed as Bundle ?? throw new DomainRuleException("invalid-bundle",
            $"Send a FHIR Bundle of the patient's Encounters, Procedures and Claims, not {(parsed is null ? "nothing" : "a " + parsed.TypeName)}.",
            StatusCodes.Status400BadRequest);
    }

    /// <summary>What one resource gives: an emergency encounter, a recognised procedure, or each recognised line of a claim.</summary>
    private IEnumerable<Candidate> Read(Resource resource, List<Skipped> skipped)
    {
        var name = $"{resource.TypeName}/{resource.Id}";
        switch (resource)
        {
            case Encounter encounter when encounter.Class?.Code != coding.EmergencyEncounterClass:
                skipped.Add(new Skipped(name, "only emergency encounters count as use; other visits come as procedures or claim lines with their codes"));
                break;
            case Encounter encounter:
                if (Day(encounter.Period?.Start) is { } visited)
                {
                    yield return new Candidate(name, UtilisationKind.EmergencyVisit, visited, null);
                }
                else
                {
                    skipped.Add(new Skipped(name, "no date"));
                }

                break;
            case Procedure procedure:
                var procedureCode = Cpt(procedure.Code);
                if (coding.ForCpt(procedureCode) is not { } procedureKind)
                {
                    skipped.Add(new Skipped(name, procedureCode is null ? "no CPT code" : $"CPT {procedureCode} is not a kind of use the programme follows"));
                }
                else if (Day(procedure.Performed switch { FhirDateTime at => at.Value, Period p => p.Start, _ => null }) is { } performed)
                {
                    yield return new Candidate(name, procedureKind, performed, null);
                }
                else
                {
                    skipped.Add(new Skipped(name, "no date"));
                }

                break;
            case Claim claim:
                foreach (var item in claim.Item)
                {
                    var line = $"{name} line {item.Sequence}";
                    var code = Cpt(item.ProductOrService);
                    var day = Day(item.Serviced switch { Date d => d.Value, Period p => p.Start, _ => null }) ?? Day(claim.BillablePeriod?.Start);
                    if (coding.ForCpt(code) is not { } kind)
                    {
                        skipped.Add(new Skipped(line, code is null ? "no CPT code" : $"CPT {code} is not a kind of use the programme follows"));
                    }
                    else if (day is null)
                    {
                        skipped.Add(new Skipped(line, "no date of service"));
                    }
                    else
                    {
                        var amount = item.Net?.Value ?? (item.UnitPrice?.Value * (item.Quantity?.Value ?? 1));
                        // An amount outside what a cost can be (a credit, a typo) is left out: the price list prices the line.
                        yield return new Candidate(line, kind, day.Value, amount is >= 0 and <= 10_000_000 ? amount : null);
                    }
                }

                break;
            default:
                skipped.Add(new Skipped(name, "not an Encounter, Procedure or Claim"));
                break;
        }
    }

    private static string? Cpt(CodeableConcept? concept) => concept?.Coding.FirstOrDefault(c => c.System == UtilisationCoding.CptSystem)?.Code;

    /// <summary>The day a FHIR date or dateTime names (its own calendar day, as the EHR wrote it).</summary>
    private static DateOnly? Day(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    /// <summary>"fhir:Type/id[ line n]", or a hash of it when longer than the column (FHIR ids run to 64 characters).</summary>
    private static string SourceOf(string resource)
    {
        var source = "fhir:" + resource;
        return source.Length <= 40 ? source : "fhir:#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resource)))[..32];
    }
}
