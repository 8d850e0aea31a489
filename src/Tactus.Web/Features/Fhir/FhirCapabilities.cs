using Hl7.Fhir.Model;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// What this server's FHIR interface actually does (GET /fhir/metadata), kept beside the routes it describes
/// (FhirApi): a client that trusts it is never sent to an interaction that answers "not supported".
/// </summary>
public static class FhirCapabilities
{
    public static CapabilityStatement Build(DateTimeOffset published, string root) => new()
    {
        Status = PublicationStatus.Active,
        Date = published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "Tactus" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Tactus medical massage programme" },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", "xml"],
        // Bulk Data Access 2.0 §5: a server offering $export says so by instantiating its capability statement.
        Instantiates = ["http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = Security(root),
                Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction }],
                Operation = [Export()],
                Resource =
                [
                    PatientResource(),
                    ServiceRequestResource(),
                    Searchable(ResourceType.Practitioner, FhirPractitioners.Parameters),
                    Searchable(ResourceType.PractitionerRole, FhirPractitioners.Parameters),
                    Read(ResourceType.Organization),
                    ConditionResource(),
                    Searchable(ResourceType.Encounter, FhirEncounters.Parameters),
                    Searchable(ResourceType.Procedure, FhirEncounters.ProcedureParameters),
                    Searchable(ResourceType.Observation, FhirObservations.Parameters),
                    Searchable(ResourceType.Questionnaire, [("url", SearchParamType.Uri)]),
                    QuestionnaireResponseResource(),
                    Read(ResourceType.DiagnosticReport),
                    GroupResource(),
                    Searchable(ResourceType.MedicationStatement, FhirPatientRecords.Parameters["MedicationStatement"]),
                    Searchable(ResourceType.AllergyIntolerance, FhirPatientRecords.Parameters["AllergyIntolerance"]),
                    Searchable(ResourceType.Consent, FhirPatientRecords.Parameters["Consent"]),
                    Searchable(ResourceType.Flag, FhirPatientRecords.Parameters["Flag"]),
                    Searchable(ResourceType.CarePlan, FhirPatientRecords.Parameters["CarePlan"]),
                    Searchable(ResourceType.Goal, FhirPatientRecords.Parameters["Goal"]),
                    Searchable(ResourceType.DocumentReference, FhirDocuments.Parameters),
                    NotVersioned(ResourceType.Binary),
                    Searchable(ResourceType.Coverage, FhirBilling.Parameters),
                    Searchable(ResourceType.ExplanationOfBenefit, FhirBilling.Parameters),
                ],
            },
        ],
    };

    /// <summary>
    /// SMART App Launch 2.0 §2.0.3.1: the security service is SMART-on-FHIR, with the OAuth endpoints in the oauth-uris
    /// extension (the same as /fhir/.well-known/smart-configuration).
    /// </summary>
    private static CapabilityStatement.SecurityComponent Security(string root)
    {
        var security = new CapabilityStatement.SecurityComponent
        {
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")],
            Description = "SMART on FHIR bearer tokens (or a signed-in Tactus session); every read is scoped to the user's organisation and care team, narrowed by the token's scopes, and audited.",
        };
        var uris = new Extension { Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris" };
        uris.Extension.Add(new Extension("authorize", new FhirUri(root + "/connect/authorize")));
        uris.Extension.Add(new Extension("token", new FhirUri(root + "/connect/token")));
        uris.Extension.Add(new Extension("revoke", new FhirUri(root + "/connect/revoke")));
        uris.Extension.Add(new Extension("introspect", new FhirUri(root + "/connect/introspect")));
        uris.Extension.Add(new Extension("manage", new FhirUri(root + "/account/apps")));
        security.Extension.Add(uris);
        return security;
    }

    private static CapabilityStatement.ResourceComponent PatientResource()
    {
        var patient = Read(ResourceType.Patient);
        foreach (var interaction in new[]
                 {
                     CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create,
                     CapabilityStatement.TypeRestfulInteraction.Update,
                 })
        {
            patient.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = interaction });
        }

        patient.Versioning = CapabilityStatement.ResourceVersionPolicy.VersionedUpdate;
        patient.ConditionalCreate = true;
        patient.Operation.Add(new CapabilityStatement.OperationComponent { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export" });
        patient.UpdateCreate = false;
        patient.SearchParam = SearchParams(FhirPatientSearch.Parameters);
        patient.SearchRevInclude = [.. FhirPatientSearch.RevIncludes];
        return patient;
    }

    private static CapabilityStatement.ResourceComponent ServiceRequestResource()
    {
        var request = Read(ResourceType.ServiceRequest);
        request.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
        request.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
        request.ConditionalCreate = true;
        request.SearchParam = SearchParams(FhirServiceRequests.Parameters);
        request.SearchInclude = [.. FhirIncludes.PatientOfServiceRequest];
        return request;
    }

    private static CapabilityStatement.ResourceComponent QuestionnaireResponseResource()
    {
        var response = Read(ResourceType.QuestionnaireResponse);
        response.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
        response.SearchParam = SearchParams(FhirQuestionnaireResponses.Parameters);
        response.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
        return response;
    }

    private static CapabilityStatement.OperationComponent Export() => new()
    {
        Name = "export",
        Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export",
        Documentation = "Backend services only (SMART Backend Services, system/ scopes). NDJSON files of the types the token may read; _type, _since, _outputFormat.",
    };

    /// <summary>The programme's cohorts (one per condition of the protocol library), exported with Group/[id]/$export.</summary>
    private static CapabilityStatement.ResourceComponent GroupResource()
    {
        var group = Searchable(ResourceType.Group, []);
        group.Operation.Add(new CapabilityStatement.OperationComponent { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export" });
        return group;
    }

    /// <summary>The report's PDF is rendered at each read, so it has no version to give: read only.</summary>
    private static CapabilityStatement.ResourceComponent NotVersioned(ResourceType type) => new()
    {
        Type = type.ToString(),
        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
        Versioning = CapabilityStatement.ResourceVersionPolicy.NoVersion,
    };

    private static CapabilityStatement.ResourceComponent ConditionResource()
    {
        var condition = Searchable(ResourceType.Condition, FhirConditions.Parameters);
        condition.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
        return condition;
    }

    private static CapabilityStatement.ResourceComponent Searchable(ResourceType type, IReadOnlyList<(string Name, SearchParamType Type)> parameters)
    {
        var resource = Read(type);
        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
        resource.SearchParam = SearchParams(parameters);
        if (type == ResourceType.Observation)
        {
            resource.SearchInclude = [.. FhirIncludes.PatientOfObservation];
        }

        return resource;
    }

    /// <summary>The search parameters proper; _include, _revinclude and _summary are said in their own elements, not as parameters.</summary>
    private static List<CapabilityStatement.SearchParamComponent> SearchParams(IReadOnlyList<(string Name, SearchParamType Type)> parameters) =>
        [.. parameters.Where(p => p.Name is not ("_include" or "_revinclude" or "_summary" or "_sort")).Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type })];

    /// <summary>Read, vread and the instance history of the one version kept (FhirVersions): every type but Binary.</summary>
    private static CapabilityStatement.ResourceComponent Read(ResourceType type) => new()
    {
        Type = type.ToString(),
        Interaction =
        [
            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Vread },
            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.HistoryInstance },
        ],
        Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
    };
}
