using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Coverage;

/// <summary>Payers, patients' coverage and authorisations: recorded by billers and managers, every change audited.</summary>
public sealed class CoverageWorkflow(TactusDbContext db, AuthorizationCheck check, TimeProvider time)
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
    public async Task<IReadOnlyList<AuthorizationView>> AuthorizationsAsync(Guid? patientId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        // Visits used are counted by the database, one correlated count per authorisation in the same query
        // (the rule of AuthorizationCheck.VisitsUsedAsync): no visit rows are read.
        var counted = await db.Authorizations.AsNoTracking()
            .Where(a => patientId == null ? a.EndsOn >= today : a.PatientId == patientId)
            .Select(a => new
            {
                Authorization = a,
                Used = db.TreatmentSessions.Count(s => s.PatientId == a.PatientId && s.SessionDate >= a.StartsOn && s.SessionDate <= a.EndsOn
                    && (a.ReferralId == null || s.ReferralId == a.ReferralId)),
            })
            .ToAuditedListAsync(db, nameof(Authorization), c => c.Authorization.Id, c => c.Authorization.PatientId, cancellationToken);
        var authorizations = counted.Select(c => c.Authorization).ToList();
        var usedOf = counted.ToDictionary(c => c.Authorization.Id, c => c.Used);
        var coverageIds = authorizations.Select(a => a.CoverageId).Distinct().ToList();
        var payerOf = await db.Coverages.AsNoTracking().Where(c => coverageIds.Contains(c.Id))
            .Join(db.Payers, c => c.PayerId, p => p.Id, (c, p) => new { c.Id, c.PatientId, PayerName = p.Name })
            .ToAuditedListAsync(db, nameof(PatientCoverage), c => c.Id, c => c.PatientId, cancellationToken);
        var names = await Patients.PatientNames.ForAsync(db, [.. authorizations.Select(a => a.PatientId).Distinct()], cancellationToken);
        var rows = authorizations.Select(a => new { a, PayerName = payerOf.FirstOrDefault(p => p.Id == a.CoverageId)?.PayerName ?? "?",
            Name = names.GetValueOrDefault(a.PatientId, "?") }).ToList();
        var views = new List<AuthorizationView>();
        foreach (var row in rows.OrderBy(r => r.a.EndsOn))
        {
            var used = usedOf[row.a.Id];
            var left = row.a.VisitsApproved - used;
            var units = row.a.UnitsApproved is null ? 0 : await check.UnitsUsedAsync(row.a, null, row.a.EndsOn, cancellationToken);
            views.Add(new AuthorizationView(row.a.Id, row.a.PatientId, row.Name, row.PayerName, row.a.Number, row.a.VisitsApproved,
                used, left, row.a.UnitsApproved, units, row.a.StartsOn, row.a.EndsOn,
                left <= Authorization.WarnWhenVisitsLeft || row.a.EndsOn.DayNumber - today.DayNumber <= Authorization.WarnDaysBeforeEnd));
        }

        return views;
    }

    private static DomainRuleException NotFound(string what) => new("not-found", $"No such {what}.", StatusCodes.Status404NotFound);
}
