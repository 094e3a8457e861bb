using CxPlus.Reports.Drawing;

namespace CxPlus.Web.Components.Charts;

/// <summary>
/// The charts' font (DejaVu Sans), served from the same files the PDF embeds, so the browser
/// draws each chart's texts at the widths its layout measured.
/// </summary>
public static class ChartFonts
{
    private static readonly byte[] Regular = Fonts.Bytes(bold: false), Bold = Fonts.Bytes(bold: true);

    public static IEndpointRouteBuilder MapChartFonts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/fonts/dejavu-sans.ttf", (HttpResponse response) => Font(response, Regular)).ExcludeFromDescription();
        app.MapGet("/fonts/dejavu-sans-bold.ttf", (HttpResponse response) => Font(response, Bold)).ExcludeFromDescription();
        return app;
    }

    private static IResult Font(HttpResponse response, byte[] font)
    {
        response.Headers.CacheControl = "private, max-age=86400"; // unchanged within a version
        return Results.File(font, "font/ttf");
    }
}
