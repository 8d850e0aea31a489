using Hl7.Fhir.Model;
using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// The instruments as FHIR R4 Questionnaires and the answers as QuestionnaireResponses. A questionnaire's items are the
/// instrument's items (linkId = Tactus's item id), each a choice whose options carry the scored value as the code (and the
/// LOINC answer code where the catalogue has one). A licensed instrument is a Questionnaire only once the organisation has
/// supplied its wording, and then only to that organisation (OrganizationInstruments applies the wording per organisation).
/// </summary>
public static class QuestionnaireFhir
{
    public static string Canonical(string root, string instrument) => $"{root}/fhir/Questionnaire/{instrument}";

    public static Questionnaire Build(InstrumentDefinition definition, string root)
    {
        var questionnaire = new Questionnaire
        {
            Id = definition.Code,
            Url = Canonical(root, definition.Code),
            Name = new string(definition.Code.Where(char.IsAsciiLetterOrDigit).ToArray()),
            Title = definition.Name,
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Copyright = definition.Licence.Note is { Length: > 0 } note ? note : null,
        };
        if (definition.Loinc.GetValueOrDefault("panel") is { } panel)
        {
            questionnaire.Code = [new Coding(ObservationFhir.LoincSystem, panel, definition.Name)];
        }

        foreach (var item in definition.Items)
        {
            var question = new Questionnaire.ItemComponent
            {
                LinkId = item.Id,
                Text = item.Text,
                Type = Questionnaire.QuestionnaireItemType.Choice,
                Required = true,
            };
            if (item.Loinc is { } loinc)
            {
                question.Code = [new Coding(ObservationFhir.LoincSystem, loinc)];
            }

            foreach (var option in item.Options)
            {
                question.AnswerOption.Add(new Questionnaire.AnswerOptionComponent
                {
                    Value = new Coding(AnswerSystem(questionnaire.Url), option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), option.Label),
                });
            }

            questionnaire.Item.Add(question);
        }

        return questionnaire;
    }

    /// <summary>The code system of an instrument's answers: the code is the value scored.</summary>
    public static string AnswerSystem(string canonical) => canonical + "/answers";

    public static QuestionnaireResponse BuildResponse(MeasureResponse response, string root)
    {
        var canonical = Canonical(root, response.Instrument);
        var questionnaireResponse = new QuestionnaireResponse
        {
            Id = response.Id.ToString(),
            Meta = new Meta { LastUpdated = response.CompletedAt },
            Questionnaire = canonical,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{response.PatientId}"),
            Authored = response.CompletedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (linkId, value) in response.Answers)
        {
            var item = new QuestionnaireResponse.ItemComponent { LinkId = linkId };
            if (value is { } answered)
            {
                item.Answer.Add(new QuestionnaireResponse.AnswerComponent
                {
                    Value = new Coding(AnswerSystem(canonical), answered.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        response.ItemLabels.GetValueOrDefault(linkId)),
                });
            }

            questionnaireResponse.Item.Add(item);
        }

        return questionnaireResponse;
    }

    /// <summary>
    /// The instrument and answers a client's QuestionnaireResponse gives: the questionnaire by its canonical URL (or
    /// Questionnaire/{code}); each answer as an integer or a coding whose code is the value. A linkId the instrument does
    /// not have is an error, not ignored: the score would silently change.
    /// </summary>
    public static (string? Instrument, Dictionary<string, int?>? Answers, string? Problem) ReadResponse(QuestionnaireResponse resource, Func<string, InstrumentDefinition?> find)
    {
        var reference = resource.Questionnaire ?? "";
        var code = reference.TrimEnd('/').Split('/')[^1].Split('|')[0];
        if (code.Length == 0 || find(code) is not { } definition)
        {
            return (null, null, "QuestionnaireResponse.questionnaire must name a Questionnaire Tactus serves (its canonical URL or Questionnaire/{code}).");
        }

        if (resource.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
        {
            return (null, null, "Only a completed QuestionnaireResponse is scored (status completed).");
        }

        var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var item in resource.Item)
        {
            if (item.LinkId is not { } linkId || definition.Items.All(i => i.Id != linkId))
            {
                return (null, null, $"{definition.Code} has no item '{item.LinkId}'.");
            }

            int? value = item.Answer.FirstOrDefault()?.Value switch
            {
                null => null,
                Integer { Value: { } integer } => integer,
                Coding { Code: { } text } when int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => int.MinValue,
            };
            if (value == int.MinValue)
            {
                return (null, null, $"The answer to '{linkId}' must be an integer, or a coding whose code is the value scored.");
            }

            answers[linkId] = value;
        }

        return (definition.Code, answers, null);
    }
}
