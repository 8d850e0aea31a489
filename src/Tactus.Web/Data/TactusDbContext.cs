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
    public DbSet<PatientNameWord> PatientNameWords => Set<PatientNameWord>();
    public DbSet<Features.Drafts.FormDraft> FormDrafts => Set<Features.Drafts.FormDraft>();
    public DbSet<Condition> Conditions => Set<Condition>();
    public DbSet<Practitioner> Practitioners => Set<Practitioner>();
    public DbSet<Features.Practitioners.ContinuingEducationRecord> ContinuingEducation => Set<Features.Practitioners.ContinuingEducationRecord>();
    public DbSet<Features.Research.ResearchProtocol> ResearchProtocols => Set<Features.Research.ResearchProtocol>();
    public DbSet<Features.Medications.OpioidStatement> OpioidStatements => Set<Features.Medications.OpioidStatement>();
    public DbSet<Features.Utilisation.UtilisationEvent> UtilisationEvents => Set<Features.Utilisation.UtilisationEvent>();
    public DbSet<Features.Utilisation.UtilisationPrice> UtilisationPrices => Set<Features.Utilisation.UtilisationPrice>();
    public DbSet<Features.Outcomes.ProgrammeCostSettings> ProgrammeCostSettings => Set<Features.Outcomes.ProgrammeCostSettings>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Features.Intake.PatientIntake> Intakes => Set<Features.Intake.PatientIntake>();
    public DbSet<Features.Intake.PatientFinding> Findings => Set<Features.Intake.PatientFinding>();
    public DbSet<Features.Plans.PlanOfCare> Plans => Set<Features.Plans.PlanOfCare>();
    public DbSet<Features.Sessions.TreatmentSession> TreatmentSessions => Set<Features.Sessions.TreatmentSession>();
    public DbSet<Features.Diagnoses.OrganizationDiagnosisCode> OrganizationDiagnosisCodes => Set<Features.Diagnoses.OrganizationDiagnosisCode>();
    public DbSet<Features.Questionnaires.MeasureResponse> MeasureResponses => Set<Features.Questionnaires.MeasureResponse>();
    public DbSet<Features.Questionnaires.SafetyAlert> SafetyAlerts => Set<Features.Questionnaires.SafetyAlert>();
    public DbSet<Features.Questionnaires.MeasureInvitation> MeasureInvitations => Set<Features.Questionnaires.MeasureInvitation>();
    public DbSet<Features.Questionnaires.InstrumentWording> InstrumentWordings => Set<Features.Questionnaires.InstrumentWording>();
    public DbSet<Features.Questionnaires.InstrumentValueSet> InstrumentValueSets => Set<Features.Questionnaires.InstrumentValueSet>();
    public DbSet<Features.Questionnaires.InstrumentBandChoice> InstrumentBandChoices => Set<Features.Questionnaires.InstrumentBandChoice>();
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
    public DbSet<Features.Portal.CareMessage> CareMessages => Set<Features.Portal.CareMessage>();
    public DbSet<Features.Statements.PatientPayment> PatientPayments => Set<Features.Statements.PatientPayment>();
    public DbSet<Features.Statements.PatientAccount> PatientAccounts => Set<Features.Statements.PatientAccount>();
    public DbSet<Features.BulkData.BulkExportJob> BulkExportJobs => Set<Features.BulkData.BulkExportJob>();
    public DbSet<Features.BulkData.BulkExportPart> BulkExportParts => Set<Features.BulkData.BulkExportPart>();
    public DbSet<Features.CdsHooks.CdsClient> CdsClients => Set<Features.CdsHooks.CdsClient>();
    public DbSet<Features.CdsHooks.CdsFeedback> CdsFeedback => Set<Features.CdsHooks.CdsFeedback>();
    public DbSet<Features.CdsHooks.CdsJwtUse> CdsJwtUses => Set<Features.CdsHooks.CdsJwtUse>();
    public DbSet<Features.Scheduling.Appointment> Appointments => Set<Features.Scheduling.Appointment>();
    public DbSet<Features.Scheduling.AppointmentClaim> AppointmentClaims => Set<Features.Scheduling.AppointmentClaim>();
    public DbSet<Features.Scheduling.AppointmentType> AppointmentTypes => Set<Features.Scheduling.AppointmentType>();
    public DbSet<Features.Scheduling.Room> Rooms => Set<Features.Scheduling.Room>();
    public DbSet<Features.Scheduling.WorkingHours> WorkingHours => Set<Features.Scheduling.WorkingHours>();
    public DbSet<Features.Scheduling.ScheduleBlock> ScheduleBlocks => Set<Features.Scheduling.ScheduleBlock>();
    public DbSet<Features.Scheduling.CalendarFeed> CalendarFeeds => Set<Features.Scheduling.CalendarFeed>();
    public DbSet<Features.Scheduling.WaitlistEntry> WaitlistEntries => Set<Features.Scheduling.WaitlistEntry>();
    public DbSet<Features.Messages.OutboxMessage> OutboxMessages => Set<Features.Messages.OutboxMessage>();
    public DbSet<Features.Messages.MessageTemplate> MessageTemplates => Set<Features.Messages.MessageTemplate>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    /// <summary>The SMART authorisation server's signing and encryption keys (ServerKeyOptions).</summary>
    public DbSet<Features.Smart.AuthorizationServerKey> AuthorizationServerKeys => Set<Features.Smart.AuthorizationServerKey>();

    /// <summary>Cookie and token keys, shared by every instance behind a load balancer.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public AccessScope Scope => scope;
    internal TimeProvider Time => time;

    private ScopeShape? _modelShape;

    /// <summary>The shape this context's model was built for; fixed at the first query (TactusModelCacheKeyFactory).</summary>
    internal ScopeShape ModelShape => _modelShape ??= scope.FreezeShape();

    // Evaluated per query by EF Core (members of the context become query parameters). Every filtered query
    // reads the organisation, so that is where a scope that changed shape after the model was fixed is caught.
    private Guid FilterOrganizationId => scope.Shape == ModelShape
        ? scope.OrganizationId ?? Guid.Empty
        : throw new InvalidOperationException($"The access scope became '{scope.Shape}' after this context was built for '{ModelShape}'.");

    private Guid? FilterOrganizationIdOrNone => scope.OrganizationId;
    private Guid FilterUserId => scope.UserId ?? Guid.Empty;
    private Guid FilterPatientId => scope.PatientId ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict(); // SMART apps, authorisations and tokens (OpenIddict's own entities)

        // A person's list of the apps they authorised (/account/apps) reads by subject.
        builder.Entity<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreAuthorization>().HasIndex(a => a.Subject);
        builder.ApplyConfigurationsFromAssembly(typeof(TactusDbContext).Assembly,
            type => type.Namespace?.StartsWith("Tactus.Web.Features", StringComparison.Ordinal) == true);

        // Every Guid key is made by the application (version 7), never by the store. Saying so stops EF
        // from taking a new child with its key already set for an existing row and updating it.
        foreach (var key in builder.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>()
                     .Where(k => k.Properties.Count == 1 && k.Properties[0].ClrType == typeof(Guid)))
        {
            key.Properties[0].ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }

        ApplyAccessFilters(builder, ModelShape);
    }

    /// <summary>
    /// The one place that decides what a principal's queries can see, as plain predicates for its shape: the tenant
    /// is <c>OrganizationId = @org</c> (leading every index), the care team an <c>EXISTS</c> on CareTeamMembers'
    /// (PatientId, UserId) index, the portal a patient id. A system job gets no filter at all.
    /// </summary>
    private void ApplyAccessFilters(ModelBuilder builder, ScopeShape shape)
    {
        if (shape == ScopeShape.System)
        {
            return;
        }

        foreach (var entityType in builder.Model.GetEntityTypes().Select(t => t.ClrType).ToList())
        {
            if (typeof(IOrganizationOwned).IsAssignableFrom(entityType))
            {
                InvokeGeneric(nameof(ApplyTenantFilter), entityType, builder);
            }

            // The care team itself is read by its patient's id; filtering it by itself would be circular.
            if (typeof(IPatientScoped).IsAssignableFrom(entityType) && entityType != typeof(Patient) && entityType != typeof(CareTeamMember))
            {
                InvokeGeneric(nameof(ApplyRelationshipFilter), entityType, builder);
            }
        }

        builder.Entity<Organization>().HasQueryFilter(TenantFilter, o => o.Id == FilterOrganizationId);

        // Anonymous sign-in must find the account; a signed-in user sees only their organisation's people.
        if (shape == ScopeShape.NoPatients)
        {
            builder.Entity<TactusUser>().HasQueryFilter(TenantFilter,
                u => FilterOrganizationIdOrNone == null || u.OrganizationId == FilterOrganizationIdOrNone);
        }
        else
        {
            builder.Entity<TactusUser>().HasQueryFilter(TenantFilter, u => u.OrganizationId == FilterOrganizationId);
        }

        switch (shape)
        {
            case ScopeShape.CareTeam:
                builder.Entity<Patient>().HasQueryFilter(RelationshipFilter,
                    p => CareTeamMembers.Any(m => m.PatientId == p.Id && m.UserId == FilterUserId));
                break;
            case ScopeShape.Self:
                builder.Entity<Patient>().HasQueryFilter(RelationshipFilter, p => p.Id == FilterPatientId);
                break;
            case ScopeShape.NoPatients:
                builder.Entity<Patient>().HasQueryFilter(RelationshipFilter, p => false);
                break;
        }

        // A draft is its author's own unsaved text: nobody else reads it, whatever their role.
        builder.Entity<Features.Drafts.FormDraft>().HasQueryFilter(RelationshipFilter, d => d.UserId == FilterUserId);

        builder.Entity<AuditEntry>().HasQueryFilter(TenantFilter, a => a.OrganizationId == FilterOrganizationId);
    }

    private void InvokeGeneric(string method, Type entityType, ModelBuilder builder) =>
        typeof(TactusDbContext)
            .GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(entityType)
            .Invoke(this, [builder]);

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, IOrganizationOwned =>
        builder.Entity<TEntity>().HasQueryFilter(TenantFilter, e => e.OrganizationId == FilterOrganizationId);

    /// <summary>Anything about a patient is visible exactly when that patient is.</summary>
    private void ApplyRelationshipFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, IPatientScoped
    {
        switch (ModelShape)
        {
            case ScopeShape.CareTeam:
                builder.Entity<TEntity>().HasQueryFilter(RelationshipFilter,
                    e => CareTeamMembers.Any(m => m.PatientId == e.PatientId && m.UserId == FilterUserId));
                break;
            case ScopeShape.Self:
                builder.Entity<TEntity>().HasQueryFilter(RelationshipFilter, e => e.PatientId == FilterPatientId);
                break;
            case ScopeShape.NoPatients:
                builder.Entity<TEntity>().HasQueryFilter(RelationshipFilter, e => false);
                break;
        }
    }

    /// <summary>Called by ReadAuditMaterializerSource for every patient-data row a query materialises.</summary>
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
