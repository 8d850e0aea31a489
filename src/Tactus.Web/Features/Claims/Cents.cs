namespace Tactus.Web.Features.Claims;

/// <summary>Amounts in dollars and cents (X12 and the fee schedule carry two decimals) as whole cents for storage and SQL sums.</summary>
public static class Cents
{
    public static long From(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);

    public static decimal ToAmount(long cents) => cents / 100m;
}
