using Microsoft.EntityFrameworkCore.Diagnostics;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Sees every entity a query materialises, tracked or not, so a read of patient data cannot
/// escape the audit by being written without an explicit audit call.
/// </summary>
public sealed class ReadAuditInterceptor : IMaterializationInterceptor
{
    /// <summary>
    /// Stateless, so one instance serves every context; EF Core caches its internal services per
    /// interceptor instance, and a new instance per host would rebuild them each time.
    /// </summary>
    public static readonly ReadAuditInterceptor Instance = new();

    private ReadAuditInterceptor()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is IPatientData row && materializationData.Context is TactusDbContext db)
        {
            db.OnPatientDataMaterialized(row);
        }

        return entity;
    }
}
