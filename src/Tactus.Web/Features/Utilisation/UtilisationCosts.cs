using System.Linq.Expressions;

namespace Tactus.Web.Features.Utilisation;

/// <summary>What one use of care costs in a report: its actual cost when known, else the price list's amount for its kind.</summary>
public static class UtilisationCosts
{
    /// <summary>
    /// The rule as an expression a query sums in SQL: the price list becomes constants in one CASE over the kind, so a
    /// report reads no event row to price it. A kind without a price costs 0.
    /// </summary>
    public static Expression<Func<UtilisationEvent, double>> Priced(IReadOnlyDictionary<UtilisationKind, decimal> prices)
    {
        var e = Expression.Parameter(typeof(UtilisationEvent), "e");
        Expression byKind = Expression.Constant(0.0);
        foreach (var kind in Enum.GetValues<UtilisationKind>().Reverse())
        {
            byKind = Expression.Condition(
                Expression.Equal(Expression.Property(e, nameof(UtilisationEvent.Kind)), Expression.Constant(kind)),
                Expression.Constant((double)prices.GetValueOrDefault(kind)), byKind);
        }

        var cost = Expression.Property(e, nameof(UtilisationEvent.Cost));
        var body = Expression.Condition(Expression.NotEqual(cost, Expression.Constant(null, typeof(decimal?))),
            Expression.Convert(Expression.Convert(cost, typeof(decimal)), typeof(double)), byKind);
        return Expression.Lambda<Func<UtilisationEvent, double>>(body, e);
    }
}
