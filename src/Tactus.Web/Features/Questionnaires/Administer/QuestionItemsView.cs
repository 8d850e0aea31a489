using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Questionnaires.Administer;

/// <summary>
/// What the shared question partial renders: one instrument's items, with the form field names to post
/// them under (e.g. "Answers" or "Answers[PHQ-9]"). A slot without wording is entered from the licensed
/// paper form by item and value only.
/// </summary>
public sealed record QuestionItemsView(InstrumentDefinition Definition, string AnswersName, string LabelsName,
    IReadOnlyDictionary<string, int?>? Given = null, IReadOnlyDictionary<string, string>? Labels = null, IReadOnlySet<string>? Missing = null)
{
    public bool PaperEntry => Definition.IsSlot;

    public static string Legend(InstrumentDefinition definition, InstrumentItem item) =>
        item.Text ?? $"{definition.Code} {item.Id} — enter the answer from your licensed form";
}
