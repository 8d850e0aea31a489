namespace Tactus.Web.Data;

public static class StorageTime
{
    /// <summary>
    /// Now, in UTC, to the microsecond: PostgreSQL keeps microseconds, so an instant taken this way
    /// reads back from either store exactly as it was written.
    /// </summary>
    public static DateTimeOffset GetStorageNow(this TimeProvider time)
    {
        var utc = time.GetUtcNow();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % 10), TimeSpan.Zero);
    }
}
