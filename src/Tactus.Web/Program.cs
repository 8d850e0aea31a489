using Tactus.Web.Data;
using Tactus.Web.Features.Billing;
using Tactus.Web.Features.BulkData;
using Tactus.Web.Features.CdsHooks;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Features.Remittance;
using Tactus.Web.Features.Scheduling;
using Tactus.Web.Features.Fhir;
using Tactus.Web.Features.Smart;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Reports;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Medications;
using Tactus.Web.Features.Statements;
using Tactus.Web.Features.Utilisation;
using Tactus.Web.Features.Drafts;
using Tactus.Web.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTactusData(builder.Configuration);
builder.Services.AddTactusIdentity(builder.Configuration, builder.Environment);
builder.Services.AddTactusTransportSecurity(builder.Configuration, builder.Environment);
builder.Services.AddTactusWeb();

var app = builder.Build();

// Reference data is checked at start: an inconsistent rule file stops the app rather than never firing.
_ = app.Services.GetRequiredService<ClinicalReference>();
_ = app.Services.GetRequiredService<Tactus.Web.Features.Questionnaires.InstrumentCatalog>();
_ = app.Services.GetRequiredService<Tactus.Web.Features.Billing.BillingReference>();

if (TactusCommands.IsCommand(args))
{
    return await TactusCommands.RunAsync(app, args);
}

await app.Services.InitializeDatabaseAsync(app.Configuration);

app.UseTactusPipeline();
app.MapTactusHealthChecks();
app.MapPatientsApi();
app.MapScreeningApi();
app.MapReferralsApi();
app.MapSchedulingApi();
app.MapCalendarFeeds();
app.MapIntakeApi();
app.MapPlansApi();
app.MapSessionsApi();
app.MapOutcomeMeasuresApi();
app.MapMeasuresApi();
app.MapReportsApi();
app.MapUnitsApi();
app.MapBillingApi();
app.MapCoverageApi();
app.MapClaimsApi();
app.MapRemittanceApi();
app.MapStatementsApi();
app.MapMedicationsApi();
app.MapUtilisationApi();
app.MapDraftsApi();
app.MapFhirApi();
app.MapSmartApi();
app.MapSmartLaunch();
app.MapBulkExportApi();
app.MapCdsHooksApi();
app.MapRazorPages();
app.PrintWelcomeOnStart();

await app.RunAsync();
return 0;

public partial class Program;
