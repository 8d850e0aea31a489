namespace Tactus.Web.Features.Smart;

/// <summary>
/// <c>.well-known/smart-configuration</c> (SMART App Launch 2.0 §2.0.3): what this server offers, and nothing it does not.
/// </summary>
public static class SmartConfiguration
{
    public static IResult Get(HttpRequest request)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = root + "/",
            ["jwks_uri"] = root + "/.well-known/jwks",
            ["authorization_endpoint"] = root + "/connect/authorize",
            ["token_endpoint"] = root + "/connect/token",
            ["revocation_endpoint"] = root + "/connect/revoke",
            ["introspection_endpoint"] = root + "/connect/introspect",
            ["management_endpoint"] = root + "/account/apps",
            ["grant_types_supported"] = new[] { "authorization_code", "refresh_token", "client_credentials" },
            ["response_types_supported"] = new[] { "code" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "private_key_jwt" },
            ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[]
            {
                "openid", "fhirUser", "launch", "launch/patient", "offline_access", "online_access",
                "patient/*.rs", "user/*.rs", "system/*.rs", "patient/Patient.rs", "user/Patient.rs", "user/Patient.cruds", "patient/*.read", "user/*.read",
            },
            ["capabilities"] = new[]
            {
                "launch-standalone", "launch-ehr", "context-ehr-patient", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric", "context-standalone-patient",
                "permission-offline", "permission-online", "permission-patient", "permission-user", "permission-v1", "permission-v2",
                "sso-openid-connect",
            },
        });
    }
}
