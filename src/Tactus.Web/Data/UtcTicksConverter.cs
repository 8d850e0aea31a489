using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tactus.Web.Data;

/// <summary>
/// Stores an instant in SQLite as its UTC ticks: lossless and ordered, so SQLite sorts and compares
/// like PostgreSQL's timestamptz. (EF's DateTimeOffsetToBinaryConverter drops precision below 0.1 ms,
/// which would break the audit hashes.)
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    instant => instant.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
