namespace Tactus.Tests.Infrastructure;

public enum TestStore
{
    Sqlite,
    PostgreSql,
}
