namespace Tactus.Web.Features.Access;

/// <summary>
/// A row that belongs to one organisation (tenant). TactusDbContext filters every such entity
/// to the current principal's organisation; features never write that Where themselves.
/// </summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; }
}
