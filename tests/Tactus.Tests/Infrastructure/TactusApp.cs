using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Tactus.Web.Data;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// Tactus in-process over real HTTP, on a real SQLite file or a real PostgreSQL database, seeded
/// with the demo clinic plus a second organisation ("Harbor") for cross-tenant tests. Time is a
/// FakeTimeProvider so session time-outs can be tested without waiting.
/// </summary>
public class TactusApp(TestStore store) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OtherOrganizationSlug = "harbor";
    public const string OtherEmailDomain = "harbor.example";

    private string _connectionString = "";
    private string? _sqliteFolder;

    /// <summary>The audit checkpoint key, from configuration as an environment secret would give it (never a file in the source tree).</summary>
    public static readonly string CheckpointKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Every host watches its content and configuration files; with dozens of hosts alive at once (one per test class,
    /// classes in parallel) inotify's per-user limit (128 instances here) runs out and a page fails to render. The tests
    /// never edit those files, so the hosts poll instead of holding an inotify instance each.
    /// </summary>
    static TactusApp() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    public TestStore Store => store;
    /// <summary>
    /// Starts at the real time, so the suite meets every day of the week over time; <c>TACTUS_TEST_NOW</c> (an ISO 8601
    /// instant) starts it elsewhere, to replay a failure that only happens on some weekday.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(StartingTime());
    public string ConnectionString => _connectionString;

    private static DateTimeOffset StartingTime() =>
        DateTimeOffset.TryParse(Environment.GetEnvironmentVariable("TACTUS_TEST_NOW"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var configured) ? configured : DateTimeOffset.UtcNow;

    public async ValueTask InitializeAsync()
    {
        // A copy of a database migrated and seeded once per store and test run (TemplateDatabases), instead of
        // migrating and seeding both clinics again for every test class.
        var template = FromTemplate ? await TemplateDatabases.ForAsync(store) : null;
        if (store == TestStore.PostgreSql)
        {
            _connectionString = await TestPostgres.CreateDatabaseAsync(template);
        }
        else
        {
            _sqliteFolder = Directory.CreateTempSubdirectory("tactus-test-").FullName;
            var file = Path.Combine(_sqliteFolder, "tactus.db");
            if (template is not null)
            {
                File.Copy(template, file);
            }

            _connectionString = $"Data Source={file}";
        }

        StartHost();
        if (template is null)
        {
            await using var scope = SystemScope();
            await DemoClinic.SeedAsync(scope.ServiceProvider, "Harbor Physical Medicine", OtherOrganizationSlug, OtherEmailDomain);
        }
    }

    /// <summary>
    /// Whether the class starts from the shared template. A fixture that changes what seeding writes (the production
    /// password hash cost) migrates and seeds its own database.
    /// </summary>
    protected virtual bool FromTemplate => !ProductionPasswordHashing;

    /// <summary>The template itself is kept when its builder is disposed.</summary>
    internal bool KeepDatabase { get; init; }

    /// <summary>Starts the host (migrations, demo clinic): in-memory by default, on Kestrel for browsers.</summary>
    protected virtual void StartHost() => _ = Server;

    /// <summary>
    /// In-memory test requests carry no remote address, so every client of a fixture shares one
    /// sign-in rate-limit partition; fixtures raise the limit, and SignInRateLimitTests checks the real one.
    /// </summary>
    protected virtual int SignInAttemptsPerMinute => 100_000;

    /// <summary>
    /// Tests hash passwords with 1,000 PBKDF2 iterations instead of the production 210,000: every fixture seeds two
    /// clinics' staff and most tests sign in, and that cost is the same work repeated, not what is tested.
    /// PasswordHashingTests runs the production setting and checks it.
    /// </summary>
    protected virtual bool ProductionPasswordHashing => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Database:Provider", store == TestStore.PostgreSql ? "postgresql" : "sqlite");
        builder.UseSetting("ConnectionStrings:Tactus", _connectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Audit:CheckpointKey", CheckpointKey);
        // Tests write checkpoints when they mean to (AuditCheckpointTests); a timer firing mid-test would move them.
        builder.UseSetting("Audit:CheckpointMinutes", "1440");
        // The outbox worker (escalations, credential reminders, sending) runs when a test calls it, not on a timer mid-test.
        builder.UseSetting("Messages:PollSeconds", "3600");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<IStartupFilter, ResponseStartProbe>();
            // The EHR's FHIR server a CDS service reads when the EHR did not prefetch: in the tests, this Tactus's own
            // /fhir, over the test server's in-memory HTTP.
            services.AddHttpClient(Tactus.Web.Features.CdsHooks.CdsFhirData.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            if (!ProductionPasswordHashing)
            {
                services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
            }
        });
    }

    /// <summary>A service scope acting as the system (no tenant filter), for arranging and asserting.</summary>
    public AsyncServiceScope SystemScope()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("tests");
        return scope;
    }

    public async Task<T> WithDbAsync<T>(Func<TactusDbContext, Task<T>> action)
    {
        await using var scope = SystemScope();
        return await action(scope.ServiceProvider.GetRequiredService<TactusDbContext>());
    }

    public virtual HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepDatabase)
        {
            GC.SuppressFinalize(this);
            return;
        }

        if (store == TestStore.PostgreSql && _connectionString.Length > 0)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }

        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : TactusApp(TestStore.Sqlite);

public sealed class PostgreSqlApp() : TactusApp(TestStore.PostgreSql);
