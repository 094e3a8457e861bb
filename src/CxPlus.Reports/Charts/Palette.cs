namespace CxPlus.Reports.Charts;

/// <summary>The product's colours, the same in the browser, the PDF and the PowerPoint.</summary>
public static class Palette
{
    public const string Ink = "#212121";
    public const string Muted = "#666666";
    public const string Faint = "#bdbdbd";
    public const string Grid = "#eeeeee";
    public const string Blue = "#1565c0";
    public const string Green = "#2e7d32";
    public const string Orange = "#ef6c00";
    /// <summary>Orange for text, dark enough on white (5.4:1, WCAG AA; <see cref="Orange"/> is 3.0, for bars and lines).</summary>
    public const string OrangeText = "#a65300";
    public const string Red = "#c62828";
    public const string Unranked = "#6b6b6b"; // 4.7:1 even on the gap map's bands (WCAG 1.4.11 asks 3:1 of a marker; #8d8d8d had 2.9)
    public const string UnderPromisesBand = "#fff4e5";
    public const string OverDeliversBand = "#edf7ed";
    public const string UnderDeliversBand = "#fdeded";
    public const string UnderPromisesText = "#8a5300";
    public const string OverDeliversText = "#1e4620";
    public const string UnderDeliversText = "#5f2120";
    public const string Highlight = "#e3f2fd";
}
