using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Smart;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Web;

public static class TactusServices
{
    public static IServiceCollection AddTactusData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AccessScope>();
        services.AddScoped<ReadAuditBuffer>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        services.AddSingleton(sp => AuditCheckpointKey.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddHostedService<AuditCheckpointWriter>();

        var connectionString = StoreSelection.ConnectionString(configuration);
        if (StoreSelection.Provider(configuration) == StoreSelection.PostgreSql)
        {
            services.AddDbContext<TactusDbContext, PostgreSqlTactusDbContext>(options => options
                .UseNpgsql(connectionString)
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ScopeShapeModelCacheKeyFactory>()
                .ReplaceService<Microsoft.EntityFrameworkCore.Query.IStructuralTypeMaterializerSource, ReadAuditMaterializerSource>()
                .AddInterceptors(ReadAuditGuard.Instance), optionsLifetime: ServiceLifetime.Singleton);
            services.AddDbContextPool<SmartStoreDbContext>(options => options.UseNpgsql(connectionString)); // read on every bearer request
        }
        else
        {
            services.AddDbContext<TactusDbContext, SqliteTactusDbContext>(options => options
                .UseSqlite(connectionString)
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ScopeShapeModelCacheKeyFactory>()
                .ReplaceService<Microsoft.EntityFrameworkCore.Query.IStructuralTypeMaterializerSource, ReadAuditMaterializerSource>()
                .AddInterceptors(ReadAuditGuard.Instance, SqlitePragmaInterceptor.Instance),
                optionsLifetime: ServiceLifetime.Singleton);
            services.AddDbContextPool<SmartStoreDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance));
        }

        services.AddDataProtection().SetApplicationName("Tactus").PersistKeysToDbContext<TactusDbContext>();
        services.AddScoped<PatientWorkflow>();
        services.AddScoped<PatientMergeWorkflow>();
        services.AddScoped<ReferralWorkflow>();
        services.AddScoped<Features.Scheduling.BookingWorkflow>();
        services.AddScoped<Features.Scheduling.BookingWarnings>();
        services.AddScoped<Features.Scheduling.BookingMessages>();
        services.AddScoped<Features.Messages.MessageTemplates>();
        services.AddScoped<Features.Scheduling.Waitlist>();
        services.AddScoped<Features.Portal.PortalAppointments>();
        services.AddScoped<Features.Portal.CareMessages>();
        services.AddSingleton<Features.Messages.IEmailSender, Features.Messages.SmtpEmailSender>();
        services.AddHttpClient<Features.Messages.ITextSender, Features.Messages.TwilioTextSender>(Features.Messages.TwilioTextSender.HttpClientName);
        services.AddSingleton<Features.Messages.AlertEscalation>();
        services.AddSingleton<Features.Messages.CredentialExpiry>();
        services.AddSingleton<Features.Messages.OutboxWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<Features.Messages.OutboxWorker>());
        services.AddScoped<Features.Diagnoses.DiagnosisCatalog>();
        services.AddScoped<Features.Intake.IntakeWorkflow>();
        services.AddScoped<Features.Plans.PlanWorkflow>();
        services.AddScoped<Features.Sessions.SessionWorkflow>();
        services.AddScoped<Features.Coverage.AuthorizationCheck>();
        services.AddScoped<Features.Billing.VisitCodingWorkflow>();
        services.AddScoped<Features.Billing.BillingQueries>();
        services.AddScoped<Features.Billing.BillingSetup>();
        services.AddScoped<Features.Coverage.CoverageWorkflow>();
        services.AddScoped<Features.Claims.ClaimFactsBuilder>();
        services.AddScoped<Features.Claims.ClaimFiles>();
        services.AddScoped<Features.Claims.ClaimWorkflow>();
        services.AddScoped<Features.Claims.ClaimExport>();
        services.AddScoped<Features.Remittance.RemittanceWorkflow>();
        services.AddScoped<Features.Questionnaires.MeasureWorkflow>();
        services.AddScoped<Features.Questionnaires.OrganizationInstruments>();
        services.AddScoped<Features.Reports.ReportBuilder>();
        services.AddScoped<Features.Questionnaires.Administer.DueMeasures>();
        services.AddScoped<Features.Organizations.OrganizationName>();
        services.AddScoped<Features.Organizations.OrganizationClock>();
        services.AddScoped<Features.Inbox.InboxQueries>();
        services.AddScoped<Features.Outcomes.ProgrammeOutcomes>();
        services.AddScoped<Features.Research.DeIdentifiedExport>();
        services.AddSingleton<Features.Research.SafeHarbor>();
        services.AddScoped<Features.Admin.StaffAccounts>();
        services.AddScoped<Features.Reports.ReportWorkflow>();
        services.AddScoped<Features.Questionnaires.InvitationWorkflow>();
        services.AddScoped<Features.Statements.PatientLedger>();
        services.AddSingleton<Features.Medications.MorphineEquivalents>();
        services.AddScoped<Features.Fhir.FhirPatientRecords.Opioids>();
        services.AddScoped<Features.Medications.OpioidRecords>();
        services.AddScoped<Features.Utilisation.UtilisationRecords>();
        services.AddScoped<Features.Utilisation.UtilisationImport>();
        services.AddSingleton<Features.Utilisation.UtilisationCoding>();
        services.AddScoped<Features.Outcomes.ProgrammeValue>();
        services.AddScoped<AuthenticatorSetup>();
        services.AddScoped<Features.BulkData.BulkExportResources>();
        services.AddScoped<Features.CdsHooks.CdsClients>();
        services.AddScoped<Features.CdsHooks.ProgrammeStatusCards>();
        services.AddSingleton<Features.CdsHooks.ReferralSuggestionCards>();
        services.AddSingleton<Features.CdsHooks.ReferralSafetyCards>();
        services.AddSingleton<Features.CdsHooks.CdsFhirData>();
        services.AddHttpClient(Features.CdsHooks.CdsFhirData.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<Features.BulkData.BulkExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.BulkData.BulkExportWorker>());
        services.AddSingleton<ClinicalReference>();
        services.AddSingleton<Features.Practitioners.ContinuingEducationRules>();
        services.AddSingleton<ContraindicationEngine>();
        services.AddSingleton<Features.Questionnaires.InstrumentCatalog>();
        services.AddSingleton(sp => new Features.Billing.BillingReference(sp.GetRequiredService<ClinicalReference>().Techniques.Select(t => t.Id)));
        services.AddHealthChecks().AddDbContextCheck<TactusDbContext>("database", tags: ["ready"]);
        return services;
    }

    public static IServiceCollection AddTactusIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var idle = TimeSpan.FromMinutes(configuration.GetValue("Security:IdleTimeoutMinutes", 15));
        services.AddIdentity<TactusUser, IdentityRole<Guid>>(options =>
            {
                // ASVS 5.0 V6.2: length over composition, long passphrases accepted, breached ones refused.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                // SR-08: 5 failures lock the account for 15 minutes.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<TactusDbContext>()
            .AddSignInManager<TactusSignInManager>()
            .AddClaimsPrincipalFactory<TactusClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.ProviderName)
            .AddTokenProvider<Features.Account.InvitationTokenProvider>(Features.Account.InvitationTokenProvider.ProviderName)
            .AddPasswordValidator<CommonPasswordValidator>();

        // SR-10: PBKDF2-HMAC-SHA512 with at least 210,000 iterations (Identity's default is lower).
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        services.AddSingleton<SecurityStampCheck>();
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            // A password, role or MFA change ends other sessions within a minute (SR-11).
            options.ValidationInterval = TimeSpan.FromMinutes(1);
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "tactus.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = TransportSecurity.CookiePolicy(environment);
            options.ExpireTimeSpan = idle;
            options.SlidingExpiration = true;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Events.OnRedirectToLogin = SessionLifetime.ChallengeOrRedirect(StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = SessionLifetime.ChallengeOrRedirect(StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = SessionLifetime.ValidateAsync;
        });

        services.AddAuthentication().AddCookie(MfaEnrolment.Scheme, options =>
        {
            options.Cookie.Name = "tactus.mfa-enrolment";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = TransportSecurity.CookiePolicy(environment);
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = MfaEnrolment.Lifetime;
            options.SlidingExpiration = false;
            options.LoginPath = "/Account/Login";
        });

        services.AddTactusSmart(environment);
        services.AddScoped<Features.Smart.SmartApps>();
        services.AddSingleton<Features.Smart.SmartLaunch>();
        services.AddSmartCors();
        services.AddAuthorization(Policies.Add);
        services.AddSignInRateLimit(configuration);
        return services;
    }

    public static IServiceCollection AddTactusWeb(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            options.Conventions.AuthorizeFolder("/Patients", Policies.PatientRecords);
            options.Conventions.AuthorizePage("/Patients/New", Policies.PatientEditing);
            options.Conventions.AuthorizePage("/Patients/Edit", Policies.PatientEditing);
            options.Conventions.AuthorizePage("/Patients/Details", Policies.ClinicalRecords);
            options.Conventions.AuthorizeFolder("/Referrals", Policies.ClinicalRecords);
            options.Conventions.AuthorizeFolder("/Scheduling", Policies.Scheduling);
            options.Conventions.AuthorizePage("/Scheduling/Setup", Policies.Credentialing); // with the folder's: the manager
            options.Conventions.AuthorizeFolder("/Intake", Policies.ClinicalRecords);
            options.Conventions.AuthorizeFolder("/Medications", Policies.ClinicalRecords);
            options.Conventions.AuthorizeFolder("/Protocols", Policies.Staff);
            options.Conventions.AuthorizeFolder("/Questionnaires/Instruments", Policies.Staff);
            options.Conventions.AuthorizeFolder("/Reports", Policies.ClinicalRecords);
            options.Conventions.AuthorizeFolder("/Inbox", Policies.Inbox);
            options.Conventions.AuthorizeFolder("/Billing", Policies.Billing);
            options.Conventions.AuthorizeFolder("/Claims", Policies.Billing);
            options.Conventions.AuthorizeFolder("/Coverage", Policies.Billing);
            options.Conventions.AuthorizeFolder("/Statements", Policies.Billing);
            options.Conventions.AuthorizeFolder("/Plans", Policies.ClinicalRecords);
            options.Conventions.AuthorizePage("/Plans/New", Policies.Treating);
            options.Conventions.AuthorizeFolder("/Sessions", Policies.ClinicalRecords);
            options.Conventions.AuthorizePage("/Sessions/CheckIn", Policies.Treating);
            options.Conventions.AuthorizeFolder("/Practitioners", Policies.Credentialing);
            options.Conventions.AuthorizeFolder("/Questionnaires/Administer", Policies.ClinicalRecords);
            options.Conventions.AuthorizePage("/Referrals/New", Policies.ReferralEntry);
            options.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
            options.Conventions.AuthorizeFolder("/Audit", Policies.Administration);
            options.Conventions.AuthorizeFolder("/Research", Policies.Research);
            options.Conventions.AuthorizeFolder("/Outcomes", Policies.ProgrammeOutcomes);
            options.Conventions.AuthorizeFolder("/Portal", Policies.Portal);
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/Accept");
            options.Conventions.AddPageApplicationModelConvention("/Account/Login",
                model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SignInRateLimit.Policy)));
            options.Conventions.AddPageApplicationModelConvention("/Account/LoginWith2fa",
                model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SignInRateLimit.Policy)));
            options.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
            options.Conventions.AllowAnonymousToPage("/Account/EnrolMfa");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Questionnaires/PatientLink/Answer");
            // The same page answered from the portal: the signed-in patient's own invitation, by id (issue 13 §4).
            options.Conventions.AddPageRoute("/Questionnaires/PatientLink/Answer", "Portal/Answer/{invitationId:guid}");
        }).AddMvcOptions(options => options.Filters.Add<DomainRulePageFilter>());
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            // SR-05: a client cannot smuggle organisationId, id or version fields into a write.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            options.SerializerOptions.MaxDepth = 64;
            // A null where the contract has none (a list, a required field, an element of a list) and a missing
            // required constructor value are refused as 400 naming the field, never met by a handler as a 500.
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.Converters.Add(new NoNullElementsConverter());
        });
        services.AddValidation();

        // An unreadable body is thrown to ApiExceptionHandler (in every environment), which names the field at fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
