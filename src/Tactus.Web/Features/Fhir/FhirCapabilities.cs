using Hl7.Fhir.Model;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// What this server's FHIR interface actually does (GET /fhir/metadata), kept beside the routes it describes
/// (FhirApi): a client that trusts it is never sent to an interaction that answers "not supported".
/// </summary>
public static class FhirCapabilities
{
    public static CapabilityStatement Build(DateTimeOffset published) => new()
    {
        Status = PublicationStatus.Active,
        Date = published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "Tactus" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Tactus medical massage programme" },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", "xml"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = "A signed-in Tactus session; every read is scoped to the user's organisation and care team, and audited.",
                },
                Resource =
                [
                    PatientResource(),
                    Read(ResourceType.DiagnosticReport),
                ],
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent PatientResource()
    {
        var patient = Read(ResourceType.Patient);
        foreach (var interaction in new[]
                 {
                     CapabilityStatement.TypeRestfulInteraction.Vread, CapabilityStatement.TypeRestfulInteraction.HistoryInstance,
                     CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create,
                     CapabilityStatement.TypeRestfulInteraction.Update,
                 })
        {
            patient.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = interaction });
        }

        patient.Versioning = CapabilityStatement.ResourceVersionPolicy.VersionedUpdate;
        patient.ConditionalCreate = true;
        patient.UpdateCreate = false;
        patient.SearchParam = [.. FhirPatientSearch.Parameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type })];
        return patient;
    }

    private static CapabilityStatement.ResourceComponent Read(ResourceType type) => new()
    {
        Type = type.ToString(),
        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
        Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
    };
}
