using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// The Firely validator over the base R4 specification (Hl7.Fhir.Specification.Data.R4's specification.zip), offline:
/// structure, cardinality, data types, invariants (FHIRPath) and the required bindings the local terminology service
/// can expand. Built once: compiling the profiles is the expensive part.
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    /// <summary>The errors and fatal issues the validator reports for a resource (warnings and information left out).</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Shared)
        {
            outcome = Shared.Value.Validate(resource);
        }

        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression ?? [])}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
    }
}
