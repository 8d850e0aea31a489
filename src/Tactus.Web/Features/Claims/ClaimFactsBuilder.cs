using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Claims.X12;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Claims;

/// <summary>
/// Looks up everything a claim names (billing profile, payer, coverage, patient, therapist, referring clinician)
/// for the hold check and for the 837P document, so both read the same facts. For an export the facts of every
/// claim are read together (<see cref="LoadAsync"/>): one query per kind of fact, not one per claim.
/// </summary>
public sealed class ClaimFactsBuilder(TactusDbContext db, AuthorizationCheck authorizations)
{
    private sealed record Parties(BillingProfile? Profile, Payer Payer, PatientCoverage Coverage, Patient Patient,
        Practitioners.Practitioner? Rendering, string RenderingName, Practitioners.Practitioner? Referring, string ReferringName);

    /// <summary>The facts the given claims name, each kind read once for all of them.</summary>
    public sealed record Loaded(BillingProfile? Profile, IReadOnlyDictionary<Guid, Payer> Payers, IReadOnlyDictionary<Guid, PatientCoverage> Coverages,
        ILookup<Guid, PatientCoverage> CoveragesOfPatient, IReadOnlyDictionary<Guid, Patient> Patients,
        IReadOnlyDictionary<Guid, Practitioners.Practitioner> Practitioners, IReadOnlyDictionary<Guid, string> Names,
        IReadOnlyDictionary<Guid, VisitCoding> FirstCodings);

    public async Task<Loaded> LoadAsync(IReadOnlyCollection<Claim> claims, CancellationToken cancellationToken)
    {
        var patientIds = claims.Select(c => c.PatientId).Distinct().ToList();
        var people = claims.SelectMany(c => new[] { c.RenderingTherapistId, c.ReferringClinicianId ?? Guid.Empty }).Distinct().ToList();
        var firstCodingIds = claims.Where(c => c.VisitCodingIds.Count > 0).Select(c => c.VisitCodingIds[0]).Distinct().ToList();
        var profile = await db.BillingProfiles.SingleOrDefaultAsync(cancellationToken);
        // Payers are the organisation's few plans; every coverage of the claims' patients is read, as the authorisation check needs the primary one on each day.
        var payers = await db.Payers.ToDictionaryAsync(x => x.Id, cancellationToken);
        var coverages = await db.Coverages.Where(x => patientIds.Contains(x.PatientId)).ToListAsync(cancellationToken);
        var patients = await db.Patients.Where(x => patientIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, cancellationToken);
        var practitioners = await db.Practitioners.Where(x => people.Contains(x.UserId)).ToDictionaryAsync(x => x.UserId, cancellationToken);
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var codings = await db.VisitCodings.Where(v => firstCodingIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        return new Loaded(profile, payers, coverages.ToDictionary(c => c.Id), coverages.ToLookup(c => c.PatientId), patients, practitioners, names, codings);
    }

    public async Task<IReadOnlyList<string>> HoldsAsync(Claim claim, CancellationToken cancellationToken) =>
        await HoldsAsync(claim, await LoadAsync([claim], cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<string>> HoldsAsync(Claim claim, Loaded loaded, CancellationToken cancellationToken)
    {
        var p = PartiesOf(claim, loaded);
        var firstVisit = claim.Lines.Select(l => l.ServiceDate).DefaultIfEmpty(claim.FromDate).Min();
        var firstCoding = loaded.FirstCodings[claim.VisitCodingIds[0]];
        var coverage = await authorizations.ForVisitAsync(claim.PatientId, firstCoding.ReferralId, firstVisit, firstCoding.SessionId,
            [.. loaded.CoveragesOfPatient[claim.PatientId]], loaded.Payers, cancellationToken);
        var visitsThisYear = await db.VisitCodings.CountAsync(v => v.PatientId == claim.PatientId && v.PayerId == claim.PayerId
            && v.ServiceDate >= new DateOnly(claim.ToDate.Year, 1, 1) && v.ServiceDate <= claim.ToDate, cancellationToken);
        var reasons = ClaimHolds.Find(new ClaimFacts(
            p.Profile?.Npi, p.Profile?.TaxId, p.Profile?.AddressLine, p.Profile?.PostalCode,
            p.Rendering?.Npi, p.Rendering?.Discipline ?? "unknown discipline", p.Payer.AcceptedRenderingDisciplines, p.Payer.Name,
            p.Payer.RequiresReferringProvider, p.Referring?.Npi,
            p.Coverage.MemberId, p.Coverage.Relationship == SubscriberRelationship.Self, p.Coverage.Subscriber is not null,
            !string.IsNullOrWhiteSpace(p.Patient.AddressLine) && !string.IsNullOrWhiteSpace(p.Patient.PostalCode),
            claim.Diagnoses.Count, [.. claim.Lines.Select(l => l.DiagnosisPointers)],
            // A secondary claim follows the primary's authorisation; the secondary payer's own rules are the rest of these checks.
            p.Payer.RequiresAuthorization && claim.PrimaryClaimId is null, coverage.Problem, p.Payer.VisitLimitPerYear, visitsThisYear,
            coverage.Authorization?.Number, coverage.Authorization?.UnitsApproved, coverage.UnitsUsed + claim.Lines.Sum(l => l.Units))).ToList();
        if (!p.Coverage.ActiveOn(claim.FromDate) || !p.Coverage.ActiveOn(claim.ToDate))
        {
            reasons.Add("The coverage is not active on every date of service.");
        }

        if (claim.Lines.Count == 0)
        {
            reasons.Add("The claim has no billable line.");
        }

        if (p.Payer.RequiresRenderingTaxonomy && p.Rendering?.ClaimTaxonomy is null)
        {
            reasons.Add($"{p.Payer.Name} requires the rendering provider's taxonomy code; record it on the practitioner's credentials.");
        }

        return reasons;
    }

    /// <summary>The organisation as billing provider and sender, as the 837P and the paper copy name it.</summary>
    public async Task<BillingProviderParty?> ProviderAsync(CancellationToken cancellationToken) =>
        await db.BillingProfiles.SingleOrDefaultAsync(cancellationToken) is { } profile ? ProviderOf(profile) : null;

    public static BillingProviderParty ProviderOf(BillingProfile profile) =>
        new(profile.LegalName, profile.Npi ?? "", profile.TaxId ?? "", profile.AddressLine ?? "", profile.City ?? "", profile.State ?? "",
            profile.PostalCode ?? "", profile.ContactName, profile.ContactPhone ?? "", profile.SubmitterId, profile.ReceiverName, profile.ReceiverId);

    public async Task<ClaimDocument> DocumentAsync(Claim claim, CancellationToken cancellationToken) =>
        await DocumentAsync(claim, await LoadAsync([claim], cancellationToken), cancellationToken);

    public async Task<ClaimDocument> DocumentAsync(Claim claim, Loaded loaded, CancellationToken cancellationToken)
    {
        var p = PartiesOf(claim, loaded);
        var patient = new PersonParty(p.Patient.FamilyName, p.Patient.GivenName, p.Patient.BirthDate, Sex(p.Patient.Sex),
            p.Patient.AddressLine, p.Patient.City, p.Patient.State, p.Patient.PostalCode);
        var self = p.Coverage.Relationship == SubscriberRelationship.Self;
        var subscriberPerson = self || p.Coverage.Subscriber is not { } s
            ? patient
            : new PersonParty(s.FamilyName, s.GivenName, s.BirthDate, Sex(s.Sex), s.AddressLine, s.City, s.State, s.PostalCode);
        var (renderingFamily, renderingGiven) = PersonName.Split(p.RenderingName);
        ProviderParty? referring = null;
        if (p.Payer.RequiresReferringProvider || p.Referring?.Npi is not null)
        {
            var (family, given) = PersonName.Split(p.ReferringName);
            referring = new ProviderParty(family, given, p.Referring?.Npi ?? "");
        }

        return new ClaimDocument(claim.ClaimNumber, claim.TotalCharge, claim.PlaceOfService, claim.Diagnoses,
            new SubscriberParty(p.Coverage.Priority.X12(), p.Coverage.Relationship.X12(), p.Coverage.GroupNumber, p.Payer.ClaimFilingIndicator,
                p.Coverage.MemberId, subscriberPerson),
            self ? null : patient, p.Payer.Name, p.Payer.PayerIdentifier, referring, new ProviderParty(renderingFamily, renderingGiven, p.Rendering?.Npi ?? "",
                p.Payer.RequiresRenderingTaxonomy ? p.Rendering?.ClaimTaxonomy : null),
            claim.AuthorizationNumber,
            [.. claim.Lines.Select(l => new ServiceLineDocument(l.LineNumber, l.ControlNumber(claim.ClaimNumber), l.Code, l.Modifiers, l.Charge, l.Units,
                l.DiagnosisPointers, l.ServiceDate))])
        {
            FrequencyCode = claim.FrequencyCode,
            OriginalPayerControlNumber = claim.ReplacesPayerControlNumber,
            PriorPayer = claim.PrimaryClaimId is { } primaryId ? await PriorPayerAsync(primaryId, cancellationToken) : null,
        };
    }

    private async Task<PriorPayerDocument> PriorPayerAsync(Guid primaryClaimId, CancellationToken cancellationToken)
    {
        var primary = await db.Claims.SingleAsync(c => c.Id == primaryClaimId, cancellationToken);
        var p = PartiesOf(primary, await LoadAsync([primary], cancellationToken));
        var subscriber = p.Coverage.Relationship == SubscriberRelationship.Self || p.Coverage.Subscriber is not { } s
            ? new PersonParty(p.Patient.FamilyName, p.Patient.GivenName)
            : new PersonParty(s.FamilyName, s.GivenName);
        return new PriorPayerDocument(
            new SubscriberParty(p.Coverage.Priority.X12(), p.Coverage.Relationship.X12(), p.Coverage.GroupNumber, p.Payer.ClaimFilingIndicator, p.Coverage.MemberId, subscriber),
            p.Payer.Name, p.Payer.PayerIdentifier, primary.Paid, DateOnly.FromDateTime(primary.RemittedAt!.Value.UtcDateTime),
            [.. primary.Lines.Select(l => new PriorLinePayment(l.LineNumber, l.Code, l.Modifiers, l.Paid, l.Units,
                [.. l.Adjustments.Select(a => (a.Group, a.Reason, a.Amount))]))]);
    }

    private static Parties PartiesOf(Claim claim, Loaded loaded) => new(loaded.Profile, loaded.Payers[claim.PayerId], loaded.Coverages[claim.CoverageId],
        loaded.Patients[claim.PatientId],
        loaded.Practitioners.GetValueOrDefault(claim.RenderingTherapistId), loaded.Names.GetValueOrDefault(claim.RenderingTherapistId, ""),
        claim.ReferringClinicianId is { } referring ? loaded.Practitioners.GetValueOrDefault(referring) : null,
        loaded.Names.GetValueOrDefault(claim.ReferringClinicianId ?? Guid.Empty, ""));

    private static string Sex(AdministrativeSex sex) => sex switch
    {
        AdministrativeSex.Female => "F",
        AdministrativeSex.Male => "M",
        _ => "U",
    };
}

/// <summary>Family and given name from a display name ("Dr. Samuel Okafor", "Jonas Weber, LMT") for the NM1 segment.</summary>
public static class PersonName
{
    private static readonly string[] Titles = ["dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "mx", "mx."];

    public static (string Family, string Given) Split(string displayName)
    {
        var name = displayName.Split(',')[0].Trim();
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Titles.Contains(w.ToLowerInvariant())).ToList();
        return words.Count switch
        {
            0 => ("UNKNOWN", ""),
            1 => (words[0], ""),
            _ => (words[^1], string.Join(' ', words[..^1])),
        };
    }
}
