namespace Tactus.Web.Features.Access;

/// <summary>An entity whose creation, change and deletion is written to the audit chain.</summary>
public interface IAudited
{
    Guid Id { get; }
}
