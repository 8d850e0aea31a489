namespace Tactus.Web.Data;

/// <summary>Which store runs Tactus: "sqlite" (default, embedded) or "postgresql" (production).</summary>
public static class StoreSelection
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";
    public const string DefaultSqlite = "Data Source=data/tactus.db";

    public static string Provider(IConfiguration configuration) =>
        (configuration["Database:Provider"] ?? Sqlite).Trim().ToLowerInvariant() switch
        {
            Sqlite => Sqlite,
            "postgres" or PostgreSql => PostgreSql,
            var other => throw new InvalidOperationException(
                $"Database:Provider '{other}' is not supported; use '{Sqlite}' or '{PostgreSql}'."),
        };

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Tactus") is { Length: > 0 } configured ? configured : DefaultSqlite;
}
