using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Data;

/// <summary>
/// The one database context. Every organisation-owned entity is filtered to the principal's
/// organisation, and patients additionally by relationship (PatientAccessRules), here and
/// nowhere else: features query DbSets as they are and can only see what they may.
/// </summary>
public abstract partial class TactusDbContext(DbContextOptions options, AccessScope scope, ReadAuditBuffer readAudit, TimeProvider time)
    : IdentityDbContext<TactusUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    private const string TenantFilter = "tenant";
    private const string RelationshipFilter = RelationshipFilterName;

    /// <summary>The relationship filter's name, for the rare read that must look across care teams but stay in the tenant (duplicate checks).</summary>
    public const string RelationshipFilterName = "relationship";

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<CareTeamMember> CareTeamMembers => Set<CareTeamMember>();
    public DbSet<PatientMerge> PatientMerges => Set<PatientMerge>();
    public DbSet<Features.Drafts.FormDraft> FormDrafts => Set<Features.Drafts.FormDraft>();
    public DbSet<Condition> Conditions => Set<Condition>();
    public DbSet<Practitioner> Practitioners => Set<Practitioner>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Features.Intake.PatientIntake> Intakes => Set<Features.Intake.PatientIntake>();
    public DbSet<Features.Intake.PatientFinding> Findings => Set<Features.Intake.PatientFinding>();
    public DbSet<Features.Plans.PlanOfCare> Plans => Set<Features.Plans.PlanOfCare>();
    public DbSet<Features.Sessions.TreatmentSession> TreatmentSessions => Set<Features.Sessions.TreatmentSession>();
    public DbSet<Features.Diagnoses.OrganizationDiagnosisCode> OrganizationDiagnosisCodes => Set<Features.Diagnoses.OrganizationDiagnosisCode>();
    public DbSet<Features.OutcomeMeasures.MeasureResponse> MeasureResponses => Set<Features.OutcomeMeasures.MeasureResponse>();
    public DbSet<Features.OutcomeMeasures.SafetyAlert> SafetyAlerts => Set<Features.OutcomeMeasures.SafetyAlert>();
    public DbSet<Features.OutcomeMeasures.MeasureInvitation> MeasureInvitations => Set<Features.OutcomeMeasures.MeasureInvitation>();
    public DbSet<Features.OutcomeMeasures.InstrumentWording> InstrumentWordings => Set<Features.OutcomeMeasures.InstrumentWording>();
    public DbSet<Features.OutcomeMeasures.InstrumentBandChoice> InstrumentBandChoices => Set<Features.OutcomeMeasures.InstrumentBandChoice>();
    public DbSet<Features.Reports.OutcomeReport> OutcomeReports => Set<Features.Reports.OutcomeReport>();
    public DbSet<Features.Coverage.Payer> Payers => Set<Features.Coverage.Payer>();
    public DbSet<Features.Coverage.PatientCoverage> Coverages => Set<Features.Coverage.PatientCoverage>();
    public DbSet<Features.Coverage.Authorization> Authorizations => Set<Features.Coverage.Authorization>();
    public DbSet<Features.Billing.BillingProfile> BillingProfiles => Set<Features.Billing.BillingProfile>();
    public DbSet<Features.Billing.FeeScheduleEntry> FeeSchedule => Set<Features.Billing.FeeScheduleEntry>();
    public DbSet<Features.Billing.VisitCoding> VisitCodings => Set<Features.Billing.VisitCoding>();
    public DbSet<Features.Billing.NcciEditSet> NcciEditSets => Set<Features.Billing.NcciEditSet>();
    public DbSet<Features.Claims.Claim> Claims => Set<Features.Claims.Claim>();
    public DbSet<Features.Claims.ClaimBatch> ClaimBatches => Set<Features.Claims.ClaimBatch>();
    public DbSet<Features.Remittance.RemittanceImport> RemittanceImports => Set<Features.Remittance.RemittanceImport>();
    public DbSet<Features.Statements.PatientCharge> PatientCharges => Set<Features.Statements.PatientCharge>();
    public DbSet<Features.Statements.PatientPayment> PatientPayments => Set<Features.Statements.PatientPayment>();
    public DbSet<Features.Statements.PatientAccount> PatientAccounts => Set<Features.Statements.PatientAccount>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    /// <summary>Cookie and token keys, shared by every instance behind a load balancer.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public AccessScope Scope => scope;
    internal TimeProvider Time => time;

    // Evaluated per query by EF Core (members of the context become query parameters).
    private bool FilterIsSystem => scope.IsSystem;
    private Guid? FilterOrganizationId => scope.OrganizationId;
    private Guid? FilterUserId => scope.UserId;
    private Guid? FilterPatientId => scope.PatientId;
    private PatientVisibility FilterVisibility => scope.Visibility;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TactusDbContext).Assembly,
            type => type.Namespace?.StartsWith("Tactus.Web.Features", StringComparison.Ordinal) == true);

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(IOrganizationOwned).IsAssignableFrom(t.ClrType)))
        {
            typeof(TactusDbContext)
                .GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [builder]);
        }

        // Every Guid key is made by the application (version 7), never by the store. Saying so stops EF
        // from taking a new child with its key already set for an existing row and updating it.
        foreach (var key in builder.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>()
                     .Where(k => k.Properties.Count == 1 && k.Properties[0].ClrType == typeof(Guid)))
        {
            key.Properties[0].ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }

        builder.Entity<Organization>().HasQueryFilter(TenantFilter, o => FilterIsSystem || o.Id == FilterOrganizationId);

        // Anonymous sign-in must find the account; a signed-in user sees only their organisation's people.
        builder.Entity<TactusUser>().HasQueryFilter(TenantFilter,
            u => FilterIsSystem || FilterOrganizationId == null || u.OrganizationId == FilterOrganizationId);

        builder.Entity<Patient>().HasQueryFilter(RelationshipFilter, p =>
            FilterIsSystem
            || FilterVisibility == PatientVisibility.Organization
            || FilterVisibility == PatientVisibility.AggregateOnly
            || (FilterVisibility == PatientVisibility.CareTeam && p.CareTeam.Any(m => m.UserId == FilterUserId))
            || (FilterVisibility == PatientVisibility.Self && p.Id == FilterPatientId));

        // A diagnosis is visible exactly when its patient is.
        builder.Entity<Condition>().HasQueryFilter(RelationshipFilter,
            c => FilterIsSystem || Patients.Any(p => p.Id == c.PatientId));

        builder.Entity<Referral>().HasQueryFilter(RelationshipFilter,
            r => FilterIsSystem || Patients.Any(p => p.Id == r.PatientId));

        builder.Entity<Features.Intake.PatientIntake>().HasQueryFilter(RelationshipFilter,
            i => FilterIsSystem || Patients.Any(p => p.Id == i.PatientId));
        builder.Entity<Features.Intake.PatientFinding>().HasQueryFilter(RelationshipFilter,
            f => FilterIsSystem || Patients.Any(p => p.Id == f.PatientId));

        builder.Entity<Features.Plans.PlanOfCare>().HasQueryFilter(RelationshipFilter,
            p => FilterIsSystem || Patients.Any(x => x.Id == p.PatientId));

        builder.Entity<Features.Sessions.TreatmentSession>().HasQueryFilter(RelationshipFilter,
            s => FilterIsSystem || Patients.Any(x => x.Id == s.PatientId));

        builder.Entity<Features.OutcomeMeasures.MeasureResponse>().HasQueryFilter(RelationshipFilter,
            r => FilterIsSystem || Patients.Any(x => x.Id == r.PatientId));
        builder.Entity<Features.OutcomeMeasures.SafetyAlert>().HasQueryFilter(RelationshipFilter,
            a => FilterIsSystem || Patients.Any(x => x.Id == a.PatientId));

        builder.Entity<Features.OutcomeMeasures.MeasureInvitation>().HasQueryFilter(RelationshipFilter,
            i => FilterIsSystem || Patients.Any(x => x.Id == i.PatientId));

        builder.Entity<Features.Coverage.PatientCoverage>().HasQueryFilter(RelationshipFilter,
            c => FilterIsSystem || Patients.Any(x => x.Id == c.PatientId));
        builder.Entity<Features.Coverage.Authorization>().HasQueryFilter(RelationshipFilter,
            a => FilterIsSystem || Patients.Any(x => x.Id == a.PatientId));
        builder.Entity<Features.Billing.VisitCoding>().HasQueryFilter(RelationshipFilter,
            v => FilterIsSystem || Patients.Any(x => x.Id == v.PatientId));
        builder.Entity<Features.Claims.Claim>().HasQueryFilter(RelationshipFilter,
            c => FilterIsSystem || Patients.Any(x => x.Id == c.PatientId));

        builder.Entity<PatientMerge>().HasQueryFilter(RelationshipFilter,
            m => FilterIsSystem || Patients.Any(x => x.Id == m.PatientId));
        builder.Entity<Features.Statements.PatientCharge>().HasQueryFilter(RelationshipFilter,
            c => FilterIsSystem || Patients.Any(x => x.Id == c.PatientId));
        builder.Entity<Features.Statements.PatientPayment>().HasQueryFilter(RelationshipFilter,
            p => FilterIsSystem || Patients.Any(x => x.Id == p.PatientId));
        builder.Entity<Features.Statements.PatientAccount>().HasQueryFilter(RelationshipFilter,
            a => FilterIsSystem || Patients.Any(x => x.Id == a.PatientId));

        builder.Entity<Features.Reports.OutcomeReport>().HasQueryFilter(RelationshipFilter,
            r => FilterIsSystem || Patients.Any(x => x.Id == r.PatientId));

        // A draft is its author's own unsaved text: nobody else reads it, whatever their role.
        builder.Entity<Features.Drafts.FormDraft>().HasQueryFilter(RelationshipFilter, d => FilterIsSystem || d.UserId == FilterUserId);

        builder.Entity<AuditEntry>().HasQueryFilter(TenantFilter,
            a => FilterIsSystem || (FilterOrganizationId != null && a.OrganizationId == FilterOrganizationId));
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, IOrganizationOwned =>
        builder.Entity<TEntity>().HasQueryFilter(TenantFilter,
            e => FilterIsSystem || (FilterOrganizationId != null && e.OrganizationId == FilterOrganizationId));

    /// <summary>Called by ReadAuditInterceptor for every patient-data row a query materialises.</summary>
    internal void OnPatientDataMaterialized(IPatientData row)
    {
        if (!scope.IsSystem && scope.Visibility == PatientVisibility.AggregateOnly)
        {
            throw new InvalidOperationException(
                "An aggregate-only principal may count patients but never load a patient record.");
        }

        readAudit.Add(row.GetType().Name, row.Id, row.PatientId);
    }

    /// <summary>Called by AuditedQueries for every row of a projection over patient data.</summary>
    internal void OnPatientDataProjected(string entityType, Guid entityId, Guid patientId)
    {
        if (!scope.IsSystem && scope.Visibility == PatientVisibility.AggregateOnly)
        {
            throw new InvalidOperationException("An aggregate-only principal may count patients but never read one.");
        }

        readAudit.Add(entityType, entityId, patientId);
    }
}
