using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Protocols;

public sealed class IndexModel(ClinicalReference reference) : PageModel
{
    public IReadOnlyList<ClinicalReference.Protocol> Protocols => reference.Protocols;

    public string TechniqueName(string id) => reference.FindTechnique(id)?.Name ?? id;
}
