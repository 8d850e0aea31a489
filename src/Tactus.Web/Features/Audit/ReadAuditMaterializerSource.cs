using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

// EF Core's own materializer source lives in an ".Internal" namespace; wrapping it is the one use (docs/decisions/011).
#pragma warning disable EF1001

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Sees every patient-data entity a query materialises, tracked or not, so a read of patient data cannot escape the
/// audit by being written without an explicit audit call. EF Core builds the code that makes an entity from a row
/// here; this wraps that code in one call per row to <see cref="TactusDbContext.OnPatientDataMaterialized"/>.
/// It replaces an <c>IMaterializationInterceptor</c>, which does the same but makes EF Core create two delegates
/// per property for every row it materialises (its accessor dictionary): under load that was a fifth of a patient
/// search's CPU (docs/decisions/011-read-audit-in-the-materializer.md).
/// </summary>
public sealed class ReadAuditMaterializerSource(Microsoft.EntityFrameworkCore.Query.Internal.StructuralTypeMaterializerSourceDependencies dependencies)
    : IStructuralTypeMaterializerSource
{
    private static readonly MethodInfo SeenMethod = typeof(ReadAuditMaterializerSource).GetMethod(nameof(Seen), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Microsoft.EntityFrameworkCore.Query.Internal.StructuralTypeMaterializerSource _efCore = new(dependencies);

    public Expression CreateMaterializeExpression(StructuralTypeMaterializerSourceParameters parameters, Expression materializationContextExpression)
    {
        var materialize = _efCore.CreateMaterializeExpression(parameters, materializationContextExpression);
        return parameters.StructuralType is IEntityType entityType && typeof(IPatientData).IsAssignableFrom(entityType.ClrType)
            ? Expression.Call(SeenMethod.MakeGenericMethod(materialize.Type), materializationContextExpression, materialize)
            : materialize;
    }

    /// <summary>Entities EF Core makes outside a query (from stored values) are audited the same way.</summary>
    public Func<MaterializationContext, object> GetMaterializer(IEntityType entityType)
    {
        var make = _efCore.GetMaterializer(entityType);
        return typeof(IPatientData).IsAssignableFrom(entityType.ClrType) ? context => Seen(context, make(context)) : make;
    }

    public Func<MaterializationContext, object> GetMaterializer(IComplexType complexType) => _efCore.GetMaterializer(complexType);

    public Func<MaterializationContext, object> GetEmptyMaterializer(IEntityType entityType) => _efCore.GetEmptyMaterializer(entityType);

    public Func<MaterializationContext, object> GetEmptyMaterializer(IComplexType complexType) => _efCore.GetEmptyMaterializer(complexType);

    private static T Seen<T>(MaterializationContext context, T entity)
    {
        if (entity is IPatientData row && context.Context is TactusDbContext db)
        {
            db.OnPatientDataMaterialized(row);
        }

        return entity;
    }
}
