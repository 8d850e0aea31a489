using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// The band convention an organisation uses for an instrument whose sources publish several (NPRS:
/// 1-3/4-6/7-10 or Serlin 1995). One per instrument per organisation; a change is audited like any change.
/// Without one, the definition file's default applies.
/// </summary>
public sealed class InstrumentBandChoice : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Instrument { get; init; }
    public required string Convention { get; set; }
    public Guid ChosenById { get; set; }
    public DateTimeOffset ChosenAt { get; set; }
}
