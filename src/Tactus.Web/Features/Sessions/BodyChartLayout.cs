namespace Tactus.Web.Features.Sessions;

/// <summary>
/// Where each named region sits on the front and back outlines (a 200 x 410 figure per view). Front
/// view shows the patient's left on the viewer's right; back view the patient's left on the left.
/// </summary>
public static class BodyChartLayout
{
    public sealed record Box(string View, int X, int Y, int Width, int Height);

    public static readonly IReadOnlyDictionary<string, Box> Regions = new Dictionary<string, Box>
    {
        ["head"] = new("front", 80, 5, 40, 30), ["face"] = new("front", 84, 36, 32, 16), ["neck-front"] = new("front", 88, 54, 24, 14),
        ["shoulder-right"] = new("front", 42, 70, 34, 20), ["shoulder-left"] = new("front", 124, 70, 34, 20),
        ["chest-right"] = new("front", 76, 70, 24, 50), ["chest-left"] = new("front", 100, 70, 24, 50), ["abdomen"] = new("front", 76, 122, 48, 50),
        ["upper-arm-right"] = new("front", 40, 92, 22, 60), ["upper-arm-left"] = new("front", 138, 92, 22, 60),
        ["forearm-right"] = new("front", 34, 154, 22, 60), ["forearm-left"] = new("front", 144, 154, 22, 60),
        ["hand-right"] = new("front", 30, 216, 22, 26), ["hand-left"] = new("front", 148, 216, 22, 26),
        ["hip-right"] = new("front", 76, 174, 24, 26), ["hip-left"] = new("front", 100, 174, 24, 26),
        ["thigh-front-right"] = new("front", 76, 202, 24, 80), ["thigh-front-left"] = new("front", 100, 202, 24, 80),
        ["knee-right"] = new("front", 76, 284, 24, 22), ["knee-left"] = new("front", 100, 284, 24, 22),
        ["shin-right"] = new("front", 78, 308, 20, 80), ["shin-left"] = new("front", 102, 308, 20, 80),
        ["foot-right"] = new("front", 74, 390, 24, 16), ["foot-left"] = new("front", 102, 390, 24, 16),
        ["neck-back"] = new("back", 88, 54, 24, 14),
        ["upper-back-left"] = new("back", 70, 70, 30, 60), ["upper-back-right"] = new("back", 100, 70, 30, 60),
        ["lower-back-left"] = new("back", 74, 132, 26, 44), ["lower-back-right"] = new("back", 100, 132, 26, 44),
        ["gluteal-left"] = new("back", 74, 178, 26, 30), ["gluteal-right"] = new("back", 100, 178, 26, 30),
        ["thigh-back-left"] = new("back", 76, 210, 24, 80), ["thigh-back-right"] = new("back", 100, 210, 24, 80),
        ["calf-left"] = new("back", 78, 300, 20, 86), ["calf-right"] = new("back", 102, 300, 20, 86),
    };
}
