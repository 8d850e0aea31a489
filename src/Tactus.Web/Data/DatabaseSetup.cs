using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Data;

public static class DatabaseSetup
{
    /// <summary>Creates the SQLite folder, applies migrations and, on an empty database, seeds the demo clinic.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("startup");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();

        if (db.Database.IsSqlite())
        {
            var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            await db.Database.OpenConnectionAsync();
            try
            {
                await SqlitePlannerStatistics.WriteAsync((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection());
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await Features.Patients.SearchKeyBackfill.RunAsync(db);

        if (configuration.GetValue("Demo:Seed", true) && !await db.Organizations.AnyAsync())
        {
            await DemoClinic.SeedAsync(scope.ServiceProvider);
        }
    }
}
