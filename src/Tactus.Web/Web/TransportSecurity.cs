using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Tactus.Web.Web;

/// <summary>
/// Safe defaults where Tactus is deployed behind a TLS-terminating proxy (the README's production set-up): the scheme
/// and client address are taken from X-Forwarded-Proto/For only when a trusted proxy sends them (loopback, plus the
/// addresses in Security:TrustedProxies), HSTS is sent in Production, and the session and MFA cookies are Secure in
/// Production whatever scheme the application itself sees, so a browser never sends a session over plain HTTP. The
/// antiforgery and message cookies follow the request's scheme (Secure behind the proxy), since ASP.NET Core refuses
/// to issue an always-secure antiforgery cookie on a plain request.
/// </summary>
public static class TransportSecurity
{
    public static CookieSecurePolicy CookiePolicy(IHostEnvironment environment) =>
        environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public static IServiceCollection AddTactusTransportSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            foreach (var proxy in configuration.GetSection("Security:TrustedProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"Security:TrustedProxies holds '{proxy}', which is not an IP address."));
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's scheme and address.</summary>
    public static WebApplication UseTactusTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        return app;
    }
}
