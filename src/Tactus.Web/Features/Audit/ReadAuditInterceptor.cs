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
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is IPatientData row && materializationData.Context is TactusDbContext db)
        {
            db.OnPatientDataMaterialized(row);
        }

        return entity;
    }
}
