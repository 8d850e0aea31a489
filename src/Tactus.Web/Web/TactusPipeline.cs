using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Web;

public static class TactusPipeline
{
    public static WebApplication UseTactusPipeline(this WebApplication app)
    {
        app.UseTactusTransportSecurity();
        app.UseExceptionHandler("/Error");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseWhen(c => Features.Smart.SmartCors.Applies(c.Request.Path), smart => smart.UseCors(Features.Smart.SmartCors.Policy));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/fhir"), fhir => fhir.UseStatusCodePages(Features.Fhir.FhirApi.StatusCodeOutcomeAsync));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/health")
                && !c.Request.Path.StartsWithSegments("/fhir"),
            pages => pages.UseStatusCodePagesWithReExecute("/Error", "?status={0}"));
        app.UseStaticFiles();
        Features.Fhir.FhirVersions.UseFhirHistory(app); // before routing: vread and history are answered by each type's read
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseBearerStampCheck();
        app.UseAuthorization();
        app.UseMiddleware<ReadAuditMiddleware>();
        return app;
    }

    /// <summary>Liveness says the process answers; readiness that it can reach its database. Neither is audited.</summary>
    public static WebApplication MapTactusHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();
        return app;
    }

    public static void PrintWelcomeOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var url = addresses?.FirstOrDefault() ?? "http://localhost:5080";
            Console.WriteLine();
            Console.WriteLine($"Tactus is running at {url}");
            if (app.Configuration.GetValue("Demo:Seed", true))
            {
                Console.WriteLine($"Demo sign-ins (password for all: {Data.Seed.DemoClinic.Password}):");
                foreach (var person in Data.Seed.DemoClinic.Staff)
                {
                    Console.WriteLine($"  {person.Role,-14} {person.Email}");
                }

                Console.WriteLine($"  {"patient",-14} {Data.Seed.DemoClinic.PortalPatientEmail}");
            }

            Console.WriteLine("Press Ctrl+C to stop.");
        });
    }
}
