using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Web;

namespace Tactus.Web.Features;

/// <summary>The root sends each person to their role's home.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(RoleHome.PathFor(User.FindFirstValue(ClaimTypes.Role)));
}
