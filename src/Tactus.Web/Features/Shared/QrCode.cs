using QRCoder;

namespace Tactus.Web.Features.Shared;

/// <summary>A QR code as an SVG data URI, for an &lt;img&gt; (no inline script or style, so the CSP holds).</summary>
public static class QrCode
{
    public static string SvgDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
