using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tactus.Web.Features;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The request could not be completed. Nothing was changed.";
    public string? RequestId { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        RequestId = HttpContext.TraceIdentifier;
        (Title, Message) = status switch
        {
            404 => ("Not found", "There is no such page or record, or it is not available to you."),
            403 => ("Not allowed", "Your role does not give access to this page."),
            400 => ("Bad request", "The request could not be read. Nothing was changed."),
            429 => ("Too many attempts", "Too many sign-in attempts came from your network. Wait a minute, then try again."),
            _ => (Title, Message),
        };
    }
}
