using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// The read audit sees patient data when a query materialises an entity (ReadAuditMaterializerSource). A projection over
/// patient data (a name, a date, a DTO) materialises none, so it would leave unaudited. This guard refuses, when a
/// query is compiled, any query over patient data whose rows are not entities, ids or counts, unless it says how
/// it is audited: <see cref="AuditedQueries.ToAuditedListAsync"/> (the patient ids of the rows are audited) or a
/// count-only tag (<see cref="AggregateOnly"/>, researchers' cohort counts). A new query that escapes the audit
/// therefore fails the first test that runs it.
/// </summary>
public sealed class ReadAuditGuard : IQueryExpressionInterceptor
{
    public const string AuditedProjection = "tactus: audited projection";
    public const string AggregateOnly = "tactus: aggregate only, no patient identified";

    /// <summary>
    /// A research export's de-identified columns (Research/DeIdentifiedExport): no identifier is read, and the export
    /// is audited once with its protocol before the first row is written.
    /// </summary>
    public const string DeIdentifiedExport = "tactus: de-identified export, audited with its protocol";

    public static readonly ReadAuditGuard Instance = new();

    private static readonly HashSet<Type> Identifiers = [typeof(int), typeof(long), typeof(bool), typeof(Guid), typeof(Guid?)];

    private ReadAuditGuard()
    {
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        var finder = new Finder();
        finder.Visit(queryExpression);
        if (finder.PatientData.Count == 0 || finder.Tags.Contains(AuditedProjection) || finder.Tags.Contains(AggregateOnly)
            || finder.Tags.Contains(DeIdentifiedExport))
        {
            return queryExpression;
        }

        var rows = ElementType(queryExpression.Type);
        if (Identifying(rows) || eventData.Context?.Model.FindEntityType(rows) is not null)
        {
            return queryExpression;
        }

        throw new InvalidOperationException(
            $"A query over patient data ({string.Join(", ", finder.PatientData.Order())}) returns {rows.Name} rows, which the read audit cannot see. "
            + "Load the entities, or read through AuditedQueries.ToAuditedListAsync with each row's patient id, or tag a count-only query ReadAuditGuard.AggregateOnly.");
    }

    /// <summary>
    /// Rows that name no patient fact: ids, counts, flags and states, alone or as an anonymous type or tuple of them
    /// (e.g. a visit's id with its coverage id, to group work). Dates, names and amounts are patient data.
    /// </summary>
    private static bool Identifying(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (Identifiers.Contains(plain) || plain.IsEnum)
        {
            return true;
        }

        var composite = plain.Name.Contains("AnonymousType", StringComparison.Ordinal) || plain.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true;
        return composite && plain.GetProperties().Select(p => p.PropertyType).Concat(plain.GetFields().Select(f => f.FieldType)).All(Identifying);
    }

    private static Type ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IQueryable<>) || definition == typeof(IOrderedQueryable<>) || definition == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : type;

    private sealed class Finder : ExpressionVisitor
    {
        public HashSet<string> PatientData { get; } = [];
        public HashSet<string> Tags { get; } = [];

        protected override Expression VisitExtension(Expression node)
        {
            if (node is EntityQueryRootExpression root && typeof(IPatientData).IsAssignableFrom(root.EntityType.ClrType))
            {
                PatientData.Add(root.EntityType.ClrType.Name);
            }

            return node is EntityQueryRootExpression ? node : base.VisitExtension(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == nameof(EntityFrameworkQueryableExtensions.TagWith) && node.Arguments.Count > 1 && node.Arguments[1] is ConstantExpression { Value: string tag })
            {
                Tags.Add(tag);
            }

            return base.VisitMethodCall(node);
        }
    }
}
