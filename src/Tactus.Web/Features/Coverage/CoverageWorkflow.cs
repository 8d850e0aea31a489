using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Coverage;

/// <summary>Payers, patients' coverage and authorisations: recorded by billers and managers, every change audited.</summary>
public sealed class CoverageWorkflow(TactusDbContext db, TimeProvider time)
{
    public async Task<Payer> SavePayerAsync(Guid organizationId, Guid? id, PayerInput input, CancellationToken cancellationToken)
    {
        var payer = id is null ? new Payer { OrganizationId = organizationId, Name = "", PayerIdentifier = "" }
            : await db.Payers.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotFound("payer");
        payer.Name = input.Name!.Trim();
        payer.PayerIdentifier = input.PayerIdentifier!.Trim().ToUpperInvariant();
        payer.ClaimFilingIndicator = input.ClaimFilingIndicator ?? "CI";
        payer.UnitRule = input.UnitRule;
        payer.RequiredTherapyModifiers = [.. (input.RequiredTherapyModifiers ?? []).Select(m => m.ToUpperInvariant())];
        payer.DistinctServiceModifier = (input.DistinctServiceModifier ?? "XS").ToUpperInvariant();
        payer.VisitLimitPerYear = input.VisitLimitPerYear;
        payer.RequiresAuthorization = input.RequiresAuthorization;
        payer.RequiresReferringProvider = input.RequiresReferringProvider;
        payer.AcceptedRenderingDisciplines = input.AcceptedRenderingDisciplines ?? [];
        payer.RequiresRenderingTaxonomy = input.RequiresRenderingTaxonomy;

        // Payer ids are unique in an organisation, on a new payer and on an edit alike (a 409, never a 500).
        if (await db.Payers.AnyAsync(p => p.PayerIdentifier == payer.PayerIdentifier && p.Id != payer.Id, cancellationToken))
        {
            throw DuplicatePayer(payer.PayerIdentifier);
        }

        if (id is null)
        {
            db.Payers.Add(payer);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Two billers saving the same payer id at once: the unique index decides, the loser is told why.
            throw DuplicatePayer(payer.PayerIdentifier);
        }

        return payer;
    }

    private static DomainRuleException DuplicatePayer(string payerIdentifier) =>
        new("duplicate-payer", $"A payer with id {payerIdentifier} is already set up; payer ids are unique.", StatusCodes.Status409Conflict);

    public async Task<PatientCoverage?> AddCoverageAsync(Guid patientId, CoverageInput input, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        if (!await db.Payers.AnyAsync(p => p.Id == input.PayerId, cancellationToken))
        {
            throw new DomainRuleException("unknown-payer", "Choose a payer this organisation has set up.", StatusCodes.Status422UnprocessableEntity);
        }

        var coverage = new PatientCoverage
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, PayerId = input.PayerId, MemberId = input.MemberId!.Trim(),
            GroupNumber = string.IsNullOrWhiteSpace(input.GroupNumber) ? null : input.GroupNumber.Trim(), Priority = input.Priority,
            Relationship = input.Relationship, Subscriber = input.Relationship == SubscriberRelationship.Self ? null : input.Subscriber,
            StartsOn = input.StartsOn, EndsOn = input.EndsOn,
        };
        db.Coverages.Add(coverage);
        await db.SaveChangesAsync(cancellationToken);
        return coverage;
    }

    public async Task<Authorization?> AddAuthorizationAsync(Guid patientId, AuthorizationInput input, CancellationToken cancellationToken)
    {
        var coverage = await db.Coverages.SingleOrDefaultAsync(c => c.Id == input.CoverageId && c.PatientId == patientId, cancellationToken);
        if (coverage is null)
        {
            return null;
        }

        Authorization.Validate(input.Number ?? "", input.VisitsApproved, input.UnitsApproved, input.StartsOn, input.EndsOn);
        if (input.ReferralId is { } referralId && !await db.Referrals.AnyAsync(r => r.Id == referralId && r.PatientId == patientId, cancellationToken))
        {
            throw new DomainRuleException("unknown-referral", "The authorisation names a referral this patient does not have.", StatusCodes.Status422UnprocessableEntity);
        }

        var authorization = new Authorization
        {
            OrganizationId = coverage.OrganizationId, PatientId = patientId, CoverageId = coverage.Id, ReferralId = input.ReferralId,
            Number = input.Number!.Trim(), VisitsApproved = input.VisitsApproved, UnitsApproved = input.UnitsApproved,
            StartsOn = input.StartsOn, EndsOn = input.EndsOn,
        };
        db.Authorizations.Add(authorization);
        await db.SaveChangesAsync(cancellationToken);
        return authorization;
    }

    public async Task<List<CoverageView>> CoveragesAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var coverages = await db.Coverages.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(cancellationToken);
        var payerIds = coverages.Select(c => c.PayerId).Distinct().ToList();
        var payers = await db.Payers.AsNoTracking().Where(p => payerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. coverages.Select(c => new CoverageView(c.Id, c.PayerId, payers.GetValueOrDefault(c.PayerId, "?"), c.MemberId, c.GroupNumber, c.Priority,
            c.Relationship, c.Subscriber, c.StartsOn, c.EndsOn))];
    }

    /// <summary>Authorisations with visits used and left; patientId null lists the organisation's current ones.</summary>
    /// <summary>A patient's authorisations, soonest to end first.</summary>
    public async Task<IReadOnlyList<AuthorizationView>> AuthorizationsAsync(Guid patientId, CancellationToken cancellationToken) =>
        await ViewsAsync(await Counted(db.Authorizations.Where(a => a.PatientId == patientId))
            .OrderBy(c => c.Authorization.EndsOn).ThenBy(c => c.Authorization.Id)
            .ToAuditedListAsync(db, nameof(Authorization), c => c.Authorization.Id, c => c.Authorization.PatientId, cancellationToken), cancellationToken);

    /// <summary>
    /// The billing desk's list: current authorisations with few visits left or near their end, chosen, sorted and
    /// paged by the database (the visits and units used are correlated counts in the same query).
    /// </summary>
    public async Task<PagedList<AuthorizationView>> RunningOutAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var today = Today;
        var warnFrom = today.AddDays(Authorization.WarnDaysBeforeEnd);
        var running = Counted(db.Authorizations.Where(a => a.EndsOn >= today))
            .Where(c => c.Authorization.VisitsApproved - c.Used <= Authorization.WarnWhenVisitsLeft || c.Authorization.EndsOn <= warnFrom)
            .OrderBy(c => c.Authorization.EndsOn).ThenBy(c => c.Authorization.Id);
        var counted = await running.ToAuditedPageAsync(db, nameof(Authorization), c => c.Authorization.Id, c => c.Authorization.PatientId,
            page, pageSize, cancellationToken);
        return new PagedList<AuthorizationView>(await ViewsAsync(counted.Rows, cancellationToken), counted.Total, counted.PageNumber, counted.PageSize);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Visits and units used, counted by the database in the same query, by the rule of AuthorizationCheck.VisitsUsedAsync
    /// and UnitsUsedAsync (visits in the authorisation's dates, and of its referral when it names one): no visit row is read.
    /// </summary>
    private IQueryable<CountedAuthorization> Counted(IQueryable<Authorization> authorizations) =>
        authorizations.AsNoTracking().Select(a => new CountedAuthorization
        {
            Authorization = a,
            Used = db.TreatmentSessions.Count(s => s.PatientId == a.PatientId && s.SessionDate >= a.StartsOn && s.SessionDate <= a.EndsOn
                && (a.ReferralId == null || s.ReferralId == a.ReferralId)),
            Units = a.UnitsApproved == null ? 0 : db.VisitCodings.Where(v => v.PatientId == a.PatientId && v.ServiceDate >= a.StartsOn && v.ServiceDate <= a.EndsOn
                && (a.ReferralId == null || v.ReferralId == a.ReferralId)).Sum(v => v.BillableUnits),
        });

    /// <summary>Built with an initialiser, not a constructor, so the database can filter and sort on its members.</summary>
    private sealed class CountedAuthorization
    {
        public required Authorization Authorization { get; init; }
        public int Used { get; init; }
        public int Units { get; init; }
    }

    private async Task<IReadOnlyList<AuthorizationView>> ViewsAsync(IReadOnlyList<CountedAuthorization> counted, CancellationToken cancellationToken)
    {
        var today = Today;
        var coverageIds = counted.Select(c => c.Authorization.CoverageId).Distinct().ToList();
        var payerOf = (await db.Coverages.AsNoTracking().Where(c => coverageIds.Contains(c.Id))
            .Join(db.Payers, c => c.PayerId, p => p.Id, (c, p) => new { c.Id, c.PatientId, PayerName = p.Name })
            .ToAuditedListAsync(db, nameof(PatientCoverage), c => c.Id, c => c.PatientId, cancellationToken))
            .ToDictionary(c => c.Id, c => c.PayerName);
        var names = await Patients.PatientNames.ForAsync(db, [.. counted.Select(c => c.Authorization.PatientId).Distinct()], cancellationToken);
        return [.. counted.Select(c =>
        {
            var a = c.Authorization;
            var left = a.VisitsApproved - c.Used;
            return new AuthorizationView(a.Id, a.PatientId, names.GetValueOrDefault(a.PatientId, "?"), payerOf.GetValueOrDefault(a.CoverageId, "?"), a.Number,
                a.VisitsApproved, c.Used, left, a.UnitsApproved, c.Units, a.StartsOn, a.EndsOn,
                left <= Authorization.WarnWhenVisitsLeft || a.EndsOn.DayNumber - today.DayNumber <= Authorization.WarnDaysBeforeEnd);
        })];
    }

    private static DomainRuleException NotFound(string what) => new("not-found", $"No such {what}.", StatusCodes.Status404NotFound);
}
