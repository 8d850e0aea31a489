using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Tactus.Tests.Web;

/// <summary>The operator commands, run as real processes against a real SQLite file.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tactus-cli-").FullName;

    private string DatabasePath => Path.Combine(_folder, "tactus.db");

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "sqlite";
        start.Environment["ConnectionStrings__Tactus"] = $"Data Source={DatabasePath}";
        start.Environment["Demo__Seed"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task GenerateThenVerify_ReportsAnIntactChain_AndFindsTampering()
    {
        var generate = await RunAsync("generate", "--patients", "40", "--seed", "5", "--organization", "cli-clinic");
        var verify = await RunAsync("audit", "verify");
        long tampered;
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The load's own entry (one a batch) is rewritten, as someone hiding a bulk import would.
            command.CommandText = "SELECT \"Sequence\" FROM \"AuditEntries\" WHERE \"Actor\" = 'generate'";
            tampered = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "DROP TRIGGER audit_entries_no_update; UPDATE \"AuditEntries\" SET \"Outcome\" = 'failure' WHERE \"Actor\" = 'generate';";
            await command.ExecuteNonQueryAsync();
        }

        var afterTampering = await RunAsync("audit", "verify");

        Assert.Equal(0, generate.ExitCode);
        Assert.Contains("Generated 40 patients", generate.Output, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("Audit chain intact", verify.Output, StringComparison.Ordinal);
        Assert.Equal(1, afterTampering.ExitCode);
        Assert.Contains($"BROKEN at entry {tampered}", afterTampering.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("generate", "--patients", "many")]
    [InlineData("audit", "inspect")]
    public async Task BadArguments_PrintUsageAndExit2(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
