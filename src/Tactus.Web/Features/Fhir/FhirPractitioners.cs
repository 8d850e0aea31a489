using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// The organisation's practitioners (therapists and referring clinicians) as FHIR R4 Practitioners, US Core-aligned:
/// the NPI as identifier, licences as qualifications with their expiry; and the organisation itself. A clinic has tens of
/// practitioners, so a search answers in one page of at most <see cref="MaxResults"/>.
/// </summary>
public static class FhirPractitioners
{
    public const string NpiSystem = "http://hl7.org/fhir/sid/us-npi";
    public const int MaxResults = 100;

    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters =
    [
        ("identifier", SearchParamType.Token), ("name", SearchParamType.String),
    ];

    public static Hl7.Fhir.Model.Practitioner Build(Practitioners.Practitioner practitioner, string displayName)
    {
        var resource = new Hl7.Fhir.Model.Practitioner
        {
            Id = practitioner.Id.ToString(),
            Active = true,
            Name = [new HumanName { Text = displayName }],
        };
        if (practitioner.Npi is { Length: > 0 } npi)
        {
            resource.Identifier.Add(new Identifier(NpiSystem, npi));
        }

        foreach (var licence in practitioner.Licences)
        {
            resource.Qualification.Add(new Hl7.Fhir.Model.Practitioner.QualificationComponent
            {
                Identifier = [new Identifier { Value = licence.Number, Assigner = new ResourceReference { Display = $"{licence.State} licensing board" } }],
                Code = new CodeableConcept { Text = $"{practitioner.Discipline} licence, {licence.State} ({licence.Status.ToString().ToLowerInvariant()})" },
                Period = new Period { End = licence.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            });
        }

        return resource;
    }

    /// <summary>
    /// The practitioner's one role at the organisation (Tactus holds one per person): their discipline, their NUCC taxonomy
    /// as specialty when recorded, for the organisation.
    /// </summary>
    public static PractitionerRole BuildRole(Practitioners.Practitioner practitioner, string displayName) => new()
    {
        Id = practitioner.Id.ToString(),
        Active = true,
        Identifier = practitioner.Npi is { Length: > 0 } npi ? [new Identifier(NpiSystem, npi)] : [],
        Practitioner = new ResourceReference($"Practitioner/{practitioner.Id}", displayName),
        Organization = new ResourceReference($"Organization/{practitioner.OrganizationId}"),
        Code = [new CodeableConcept { Text = practitioner.Discipline }],
        Specialty = practitioner.TaxonomyCode is { Length: > 0 } taxonomy ? [new CodeableConcept("http://nucc.org/provider-taxonomy", taxonomy)] : [],
    };

    public static Task<IResult> ReadAsync(string id, TactusDbContext db, CancellationToken ct) =>
        ReadAsAsync(id, db, "Practitioner", (p, name) => Build(p, name), ct);

    public static Task<IResult> ReadRoleAsync(string id, TactusDbContext db, CancellationToken ct) =>
        ReadAsAsync(id, db, "PractitionerRole", (p, name) => BuildRole(p, name), ct);

    private static async Task<IResult> ReadAsAsync(string id, TactusDbContext db, string type, Func<Practitioners.Practitioner, string, Resource> build, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var practitionerId)
            || await db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practitionerId, ct) is not { } practitioner)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known.");
        }

        var name = await db.Users.AsNoTracking().Where(u => u.Id == practitioner.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        return FhirApi.Resource(build(practitioner, name));
    }

    public static Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, CancellationToken ct) =>
        SearchAsAsync(request, db, "Practitioner", (p, name) => Build(p, name), ct);

    public static Task<IResult> SearchRolesAsync(HttpRequest request, TactusDbContext db, CancellationToken ct) =>
        SearchAsAsync(request, db, "PractitionerRole", (p, name) => BuildRole(p, name), ct);

    private static async Task<IResult> SearchAsAsync(HttpRequest request, TactusDbContext db, string type, Func<Practitioners.Practitioner, string, Resource> build, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.Any(k => query[k].Count > 1))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "Each search parameter may be given once.");
        }

        var practitioners = db.Practitioners.AsNoTracking();
        if (query.TryGetValue("identifier", out var identifier))
        {
            var parts = identifier.ToString().Split('|');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[0] != NpiSystem)
            {
                return FhirApi.Resource(new Bundle { Type = Bundle.BundleType.Searchset });
            }

            var npi = parts[^1];
            practitioners = practitioners.Where(p => p.Npi == npi);
        }

        var named = practitioners.Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { Practitioner = p, u.DisplayName });
        if (query.TryGetValue("name", out var name) && name.ToString().Trim() is { Length: > 0 } text)
        {
            var lowered = text.ToLowerInvariant();
            named = named.Where(n => n.DisplayName.ToLower().Contains(lowered));
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        var page = await named.OrderBy(n => n.DisplayName).ThenBy(n => n.Practitioner.Id).Take(MaxResults).ToListAsync(ct);
        foreach (var row in page)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{request.Scheme}://{request.Host}/fhir/{type}/{row.Practitioner.Id}",
                Resource = build(row.Practitioner, row.DisplayName), // licences are owned, loaded with it
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return FhirApi.Resource(bundle);
    }

    /// <summary>The caller's own organisation (any other id is 404, as every record of another organisation is).</summary>
    public static async Task<IResult> ReadOrganizationAsync(string id, TactusDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var organizationId)
            || await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct) is not { } organization)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Organization/{id} is not known.");
        }

        return FhirApi.Resource(BuildOrganization(organization, await db.BillingProfiles.AsNoTracking().Select(b => b.Npi).FirstOrDefaultAsync(ct)));
    }

    /// <summary>The organisation, with its billing NPI (the type 2 NPI of its claims) when it has one.</summary>
    public static Hl7.Fhir.Model.Organization BuildOrganization(Organizations.Organization organization, string? npi)
    {
        var resource = new Hl7.Fhir.Model.Organization { Id = organization.Id.ToString(), Active = true, Name = organization.Name };
        if (npi is { Length: > 0 })
        {
            resource.Identifier.Add(new Identifier(NpiSystem, npi));
        }

        return resource;
    }
}
