using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// CDS Hooks 2.0 "Trusting CDS Clients": every service call carries a JWT the EHR signed with its private key
/// (asymmetric only: RS/ES/PS), issued by a registered issuer, for this endpoint (aud), short-lived, used once (jti).
/// A call that passes reads as the client's service account, so its cards are scoped and audited as a person's reads
/// are; anything else is 401 before the request's data context is touched.
/// </summary>
public sealed class CdsClientAuthentication(IServiceScopeFactory scopes, TimeProvider time) : IEndpointFilter
{
    public const string ClientItem = "tactus:cds-client";

    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>The longest a client's JWT may live: the specification's are for one call.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(http, "Send the EHR's signed JWT as a Bearer token (CDS Hooks 2.0, Trusting CDS Clients).");
        }

        var handler = new JsonWebTokenHandler();
        var text = header["Bearer ".Length..].Trim();
        if (!handler.CanReadToken(text))
        {
            return Refuse(http, "The bearer token is not a JWT.");
        }

        var unverified = handler.ReadJsonWebToken(text);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("cds-client-authentication");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        var client = await db.CdsClients.AsNoTracking().SingleOrDefaultAsync(c => c.Issuer == unverified.Issuer, http.RequestAborted);
        if (client is null || unverified.Typ != "JWT")
        {
            return Refuse(http, "The JWT's issuer is not a registered CDS client, or its typ is not JWT.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var audience = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        var validation = await handler.ValidateTokenAsync(text, new TokenValidationParameters
        {
            ValidIssuer = client.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = new JsonWebKeySet(client.JsonWebKeySet).GetSigningKeys(),
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            // The application's clock, as everywhere else (and the tests' clock in the tests).
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } end && end > now - TimeSpan.FromSeconds(30)
                && (notBefore is null || notBefore <= now + TimeSpan.FromSeconds(30)) && end - now <= MaxLifetime + TimeSpan.FromSeconds(30),
        });
        var token = validation.SecurityToken as JsonWebToken;
        if (!validation.IsValid || token is null || string.IsNullOrEmpty(token.Id) || !token.TryGetPayloadValue<long>("iat", out _))
        {
            return Refuse(http, "The JWT is not valid for this endpoint (signature, audience, lifetime of at most five minutes, jti and iat are required).");
        }

        // Replay (jti): a JWT is good for one call, on any instance. Its use is a row whose key refuses a second; rows go once
        // the JWT would have expired anyway.
        if (token.Id.Length > 200 || !await RecordUseAsync(db, client.Id, token.Id, new DateTimeOffset(token.ValidTo, TimeSpan.Zero), http.RequestAborted))
        {
            return Refuse(http, "This JWT was used already; sign a new one for each call.");
        }

        var account = await scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>().FindByIdAsync(client.AccountId.ToString());
        var role = account is null ? null : (await scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>().GetRolesAsync(account)).SingleOrDefault();
        if (account is null || role is null)
        {
            return Refuse(http, "The CDS client's account is gone.");
        }

        http.RequestServices.GetRequiredService<AccessScope>().UseAccount(client.OrganizationId, account.Id, account.UserName ?? client.Name, role);
        http.Items[ClientItem] = client;
        return await next(context);
    }

    private async Task<bool> RecordUseAsync(TactusDbContext db, Guid clientId, string jti, DateTimeOffset expires, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.CdsJwtUses.Where(u => u.ExpiresAt < now - TimeSpan.FromMinutes(1)).ExecuteDeleteAsync(ct);
        db.CdsJwtUses.Add(new CdsJwtUse { ClientId = clientId, Jti = jti, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the key exists: this JWT was used
        }
    }

    private static IResult Refuse(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The CDS client is not authenticated.", detail: detail);
    }
}
