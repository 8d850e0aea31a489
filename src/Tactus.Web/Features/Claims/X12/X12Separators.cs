namespace Tactus.Web.Features.Claims.X12;

/// <summary>The four delimiters of an interchange; ISA fixes where each is declared (element at 4, repetition ISA11, component ISA16, terminator after).</summary>
public sealed record X12Separators(char Element = '*', char Component = ':', char Repetition = '^', char Segment = '~')
{
    public static readonly X12Separators Standard = new();

    /// <summary>Four different characters, none a letter, digit or space (they would collide with data).</summary>
    public bool AreValid() =>
        new[] { Element, Component, Repetition, Segment }.Distinct().Count() == 4
        && new[] { Element, Component, Repetition, Segment }.All(c => !char.IsLetterOrDigit(c) && c != ' ' && c < 128);
}
