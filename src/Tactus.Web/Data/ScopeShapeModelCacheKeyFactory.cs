using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tactus.Web.Data;

/// <summary>
/// One EF model per access shape (ScopeShape): the query filters differ per shape, so each principal's SQL
/// holds only its own predicates. Five small models are built once per process; compiled queries are cached
/// per model as usual.
/// </summary>
public sealed class ScopeShapeModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => context is TactusDbContext tactus
        ? (context.GetType(), tactus.ModelShape, designTime)
        : (context.GetType(), designTime);
}
